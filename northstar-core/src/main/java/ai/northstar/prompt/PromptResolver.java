package ai.northstar.prompt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import ai.northstar.internal.Throwables;
import ai.northstar.internal.WireText;
import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks NorthStar's resolve endpoint for one prompt, in one attempt, and reads the answer. The transport, aimed at the
 * resolve URL, is created at the first request, so a client that never pulls a prompt opens nothing.
 */
final class PromptResolver implements AutoCloseable {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final String INGEST_SUFFIX = "/functions/v1/ingest-traces";

	private static final String FUNCTION_RESOLVE_PATH = "/functions/v1/prompts/resolve";

	private static final String API_RESOLVE_PATH = "/api/prompts/resolve";

	private final Supplier<? extends IngestTransport> transportFactory;

	private final Object lock = new Object();

	private @Nullable IngestTransport transport;

	private boolean closed;

	PromptResolver(Supplier<? extends IngestTransport> transportFactory) {
		this.transportFactory = transportFactory;
	}

	/**
	 * Returns the resolve URL of an ingest URL: {@code /functions/v1/prompts/resolve} in place of a
	 * {@code /functions/v1/ingest-traces} ending, else {@code /api/prompts/resolve} appended.
	 */
	static URI resolveUri(URI ingestUri) {
		String text = ingestUri.toString();
		int query = indexOfQueryOrFragment(text);
		String base = (query >= 0) ? text.substring(0, query) : text;
		while (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		if (base.endsWith(INGEST_SUFFIX)) {
			return URI.create(base.substring(0, base.length() - INGEST_SUFFIX.length()) + FUNCTION_RESOLVE_PATH);
		}
		return URI.create(base + API_RESOLVE_PATH);
	}

	private static int indexOfQueryOrFragment(String text) {
		int query = text.indexOf('?');
		int fragment = text.indexOf('#');
		if (query < 0) {
			return fragment;
		}
		return (fragment < 0) ? query : Math.min(query, fragment);
	}

	/**
	 * Sends one resolve request. Never throws; the future never completes exceptionally.
	 */
	CompletableFuture<ResolveOutcome> resolve(PromptKey key) {
		try {
			IngestTransport selected = transport();
			if (selected == null) {
				return CompletableFuture.completedFuture(ResolveOutcome.failed(0, "the prompts are closed", null));
			}
			return selected.send(body(key)).handle((response, failure) -> {
				if (failure != null) {
					return ResolveOutcome.failed(0, describe(failure), null);
				}
				return read(key, response);
			});
		}
		catch (RuntimeException ex) {
			return CompletableFuture.completedFuture(ResolveOutcome.failed(0, describe(ex), null));
		}
	}

	private @Nullable IngestTransport transport() {
		synchronized (this.lock) {
			if (this.closed) {
				return null;
			}
			IngestTransport created = this.transport;
			if (created == null) {
				created = Objects.requireNonNull(this.transportFactory.get(), "the prompt transport factory returned null");
				this.transport = created;
			}
			return created;
		}
	}

	/** {@code {"name", "slug", "label"}}, and {@code "version"} only for an exact version: never {@code null}. */
	static byte[] body(PromptKey key) {
		ObjectNode body = MAPPER.createObjectNode();
		String name = WireText.sanitize(key.name());
		body.put("name", name);
		body.put("slug", name);
		body.put("label", WireText.sanitize((key.label() != null) ? key.label() : Prompts.DEFAULT_LABEL));
		if (key.version() != null) {
			body.put("version", key.version().intValue());
		}
		return MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
	}

	static ResolveOutcome read(PromptKey key, IngestResponse response) {
		int status = response.status();
		String serverError = serverError(response.body());
		if (status != 200) {
			String error = "NorthStar answered " + status + ((serverError != null) ? " " + serverError : "");
			return ResolveOutcome.failed(status, error, serverError);
		}
		try {
			JsonNode version = MAPPER.readTree(response.body()).get("prompt_version");
			if (version == null || !version.isObject()) {
				return ResolveOutcome.unusable(status, "NorthStar answered 200 without a prompt_version");
			}
			return ResolveOutcome.found(prompt(key.name(), version));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return ResolveOutcome.unusable(status, "NorthStar answered 200 with an unreadable prompt_version: "
					+ ((ex instanceof JacksonException json) ? json.getOriginalMessage() : ex.getMessage()));
		}
	}

	private static Prompt prompt(String name, JsonNode version) {
		UUID id = uuid(version, "id");
		UUID promptId = uuid(version, "prompt_id");
		JsonNode number = version.get("version_number");
		if (number == null || !number.isIntegralNumber() || !number.canConvertToInt()) {
			throw new IllegalArgumentException("version_number is not an integer");
		}
		JsonNode content = version.get("content");
		if (content == null || !content.isString()) {
			throw new IllegalArgumentException("content is not text");
		}
		return new Prompt(name, id, promptId, number.intValue(), content.asString(), text(version, "model"),
				temperature(version.get("temperature")), maxTokens(version.get("max_tokens")),
				variables(version.get("variables")), text(version, "content_hash"), false);
	}

	private static UUID uuid(JsonNode version, String field) {
		JsonNode value = version.get(field);
		if (value == null || !value.isString()) {
			throw new IllegalArgumentException(field + " is not a UUID");
		}
		return UUID.fromString(value.asString());
	}

	private static @Nullable String text(JsonNode version, String field) {
		JsonNode value = version.get(field);
		return (value != null && value.isString() && !value.asString().isBlank()) ? value.asString() : null;
	}

	private static @Nullable Double temperature(@Nullable JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isNumber()) {
			return value.doubleValue();
		}
		if (value.isString()) {
			return Double.valueOf(value.asString().strip());
		}
		throw new IllegalArgumentException("temperature is not a number");
	}

	private static @Nullable Integer maxTokens(@Nullable JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw new IllegalArgumentException("max_tokens is not an integer");
		}
		return value.intValue();
	}

	/** Names, or objects {@code {name, type, required, default}} as the dashboard writes them. */
	private static List<String> variables(@Nullable JsonNode value) {
		List<String> names = new ArrayList<>();
		if (value == null || !value.isArray()) {
			return names;
		}
		for (JsonNode variable : value) {
			JsonNode name = variable.isObject() ? variable.get("name") : variable;
			if (name != null && name.isString() && !name.asString().isBlank() && !names.contains(name.asString())) {
				names.add(name.asString());
			}
		}
		return names;
	}

	private static @Nullable String serverError(String body) {
		try {
			JsonNode error = MAPPER.readTree(body).get("error");
			return (error != null && error.isString()) ? error.asString() : null;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static String describe(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return Throwables.describe(cause, Integer.MAX_VALUE);
	}

	/** Closes the transport, if one was created. Idempotent. */
	@Override
	public void close() {
		IngestTransport created;
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			created = this.transport;
			this.transport = null;
		}
		if (created != null) {
			created.close();
		}
	}

}
