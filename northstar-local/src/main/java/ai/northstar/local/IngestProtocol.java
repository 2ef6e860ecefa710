package ai.northstar.local;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP side of a local NorthStar, apart from any server: given a request's method, path, {@code Authorization}
 * header and body, it answers what the backend answers (see {@code PROTOCOL.md}), storing into an
 * {@link IngestStore}. {@link LocalIngestServer} serves it on the JDK's HTTP server; other servers (a Spring
 * application, a standalone NorthStar) can serve it the same way.
 * <ul>
 * <li>{@value #INGEST_PATH}: {@code POST} a batch; {@code 204} for {@code OPTIONS} (CORS), {@code 405} for another
 * method, {@code 401} without a valid
 * {@code Bearer} key, {@code 400 {"error": ...}} for a body that is not plain JSON, fails validation or references
 * unknown records, {@code 500} for what the database cannot store, {@code 200 {"accepted": true}} once stored.</li>
 * <li>{@value #PROMPTS_PATH}{@code /resolve} and {@value #API_PROMPTS_PATH}{@code /resolve}: resolve a prompt,
 * {@code {"name", "slug", "label", "version"?}}; {@code 204} for {@code OPTIONS}, {@code 405} for a method other than
 * {@code POST}, {@code 404 "Not found"} for a path under the prompts function not ending in {@code /resolve},
 * {@code 401}, {@code 400 "Invalid JSON body"}, {@code "JSON body must be an object"}, {@code "slug is required"} or
 * {@code "version must be an integer"}, {@code 404 "Prompt not found"}, and
 * {@code 200 {"prompt_version": {...}}}.</li>
 * <li>any other path: {@code 404 "Not found"}.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class IngestProtocol {

	/** The path of the ingest endpoint. */
	public static final String INGEST_PATH = "/functions/v1/ingest-traces";

	/** The path of the prompts function, whose resolve endpoint is {@code PROMPTS_PATH + "/resolve"}. */
	public static final String PROMPTS_PATH = "/functions/v1/prompts";

	/** The prompts path of a self-hosted endpoint, whose resolve endpoint is {@code API_PROMPTS_PATH + "/resolve"}. */
	public static final String API_PROMPTS_PATH = "/api/prompts";

	/** The error text of a prompt that resolves to nothing. */
	public static final String PROMPT_NOT_FOUND = "Prompt not found";

	/** Numbers with a fraction or an exponent read exactly, as the backend's {@code jsonb} keeps them. */
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final byte[] ACCEPTED = "{\"accepted\": true}".getBytes(StandardCharsets.UTF_8);

	private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

	private static final Map<String, String> CORS = Map.of("Access-Control-Allow-Origin", "*",
			"Access-Control-Allow-Headers", "authorization, content-type", "Access-Control-Allow-Methods",
			"POST, OPTIONS");

	private final IngestStore store;

	private final Supplier<Set<String>> apiKeys;

	/**
	 * Creates the protocol over a store.
	 * @param store where accepted batches go and prompts come from
	 * @param apiKeys the accepted API keys, asked at each request; with none, every non-blank Bearer key is accepted
	 */
	public IngestProtocol(IngestStore store, Supplier<Set<String>> apiKeys) {
		this.store = Objects.requireNonNull(store, "store must not be null");
		this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys must not be null");
	}

	/**
	 * Returns whether a path is one this protocol serves (the ingest endpoint or under a prompts path), as opposed to
	 * one it answers {@code 404}.
	 * @param path the request path, without the query
	 * @return {@code true} for the ingest and prompt paths
	 */
	public static boolean serves(String path) {
		return INGEST_PATH.equals(path) || isPromptsPath(path);
	}

	/**
	 * Answers one request.
	 * @param method the HTTP method
	 * @param path the request path, without the query
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @param body the request body
	 * @return the answer
	 */
	public Answer handle(String method, String path, @Nullable String authorization, byte[] body) {
		if (INGEST_PATH.equals(path)) {
			return ingest(method, authorization, body);
		}
		if (isPromptsPath(path)) {
			return resolve(method, path, authorization, body);
		}
		return error(404, "Not found", JSON);
	}

	private Answer ingest(String method, @Nullable String authorization, byte[] body) {
		if ("OPTIONS".equals(method)) {
			return new Answer(204, CORS, new byte[0]);
		}
		if (!"POST".equals(method)) {
			Map<String, String> headers = new LinkedHashMap<>(JSON);
			headers.put("Allow", "POST");
			return error(405, "Method not allowed", headers);
		}
		String problem = authorizationProblem(authorization);
		if (problem != null) {
			return error(401, problem, JSON);
		}
		JsonNode batch = parse(body);
		if (batch == null) {
			IngestResult result = this.store.reject(IngestResult.Kind.INVALID, "Invalid JSON");
			return error(result.httpStatus(), result.error(), JSON);
		}
		IngestResult result = this.store.ingest(batch);
		return result.isAccepted() ? new Answer(200, JSON, ACCEPTED)
				: error(result.httpStatus(), result.error(), JSON);
	}

	private Answer resolve(String method, String path, @Nullable String authorization, byte[] body) {
		Map<String, String> headers = new LinkedHashMap<>(CORS);
		if ("OPTIONS".equals(method)) {
			return new Answer(204, CORS, new byte[0]);
		}
		headers.putAll(JSON);
		if (!"POST".equals(method)) {
			return error(405, "Method not allowed", headers);
		}
		if (!path.endsWith("/resolve")) {
			return error(404, "Not found", headers);
		}
		if (authorization == null || bearerToken(authorization) == null) {
			return error(401, "Missing or invalid authorization header", headers);
		}
		if (authorizationProblem(authorization) != null) {
			return error(401, "Invalid or revoked API key", headers);
		}
		JsonNode request = parse(body);
		if (request == null) {
			return error(400, "Invalid JSON body", headers);
		}
		if (!request.isObject()) {
			return error(400, "JSON body must be an object", headers);
		}
		String slug = text(request.get("slug"));
		if (slug == null) {
			slug = text(request.get("name"));
		}
		if (slug == null) {
			return error(400, "slug is required", headers);
		}
		String label = text(request.get("label"));
		JsonNode version = request.get("version");
		Integer versionNumber = null;
		if (version != null) {
			if (!version.isNumber() || !isIntegral(version)) {
				return error(400, "version must be an integer", headers);
			}
			if (!version.canConvertToInt()) {
				// the backend casts it to a Postgres integer, which fails
				return error(500, "Internal server error", headers);
			}
			versionNumber = version.asInt();
		}
		Optional<PromptVersion> resolved;
		try {
			resolved = this.store.prompts().resolve(slug, (label != null) ? label : "prod", versionNumber);
		}
		catch (RuntimeException ex) {
			return error(500, "Internal server error", headers);
		}
		if (resolved.isEmpty()) {
			return error(404, PROMPT_NOT_FOUND, headers);
		}
		ObjectNode answer = MAPPER.createObjectNode();
		answer.set("prompt_version", resolved.get().toJson());
		return new Answer(200, headers, MAPPER.writeValueAsBytes(answer));
	}

	private @Nullable String authorizationProblem(@Nullable String authorization) {
		if (authorization == null || authorization.isBlank()) {
			return "Missing API key";
		}
		String key = bearerToken(authorization);
		Set<String> keys = this.apiKeys.get();
		if (key == null || (!keys.isEmpty() && !keys.contains(key))) {
			return "Invalid API key";
		}
		return null;
	}

	private static @Nullable String bearerToken(String authorization) {
		if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String key = authorization.substring(7).trim();
		return key.isEmpty() ? null : key;
	}

	private static boolean isPromptsPath(String path) {
		return path.equals(PROMPTS_PATH) || path.startsWith(PROMPTS_PATH + "/") || path.equals(API_PROMPTS_PATH)
				|| path.startsWith(API_PROMPTS_PATH + "/");
	}

	private static @Nullable JsonNode parse(byte[] body) {
		try {
			JsonNode node = MAPPER.readTree(body);
			return (node == null || node.isMissingNode()) ? null : node;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String text(@Nullable JsonNode value) {
		if (value == null || !value.isString() || value.stringValue().isBlank()) {
			return null;
		}
		return value.stringValue().trim();
	}

	private static boolean isIntegral(JsonNode number) {
		if (number.isIntegralNumber()) {
			return true;
		}
		double value = number.doubleValue();
		return Double.isFinite(value) && value == Math.rint(value);
	}

	/** The backend's answer to a server that is down: {@code 503} with its error body. */
	static Answer unavailable() {
		return error(503, "Service unavailable", JSON);
	}

	private static Answer error(int status, @Nullable String message, Map<String, String> headers) {
		byte[] body = MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("error", message));
		return new Answer(status, headers, body);
	}

	/**
	 * What to answer: a status, headers and a body (empty for none).
	 *
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the body bytes
	 * @since 0.1.0
	 */
	public record Answer(int status, Map<String, String> headers, byte[] body) {

		/**
		 * Creates an instance, copying the mutable arguments.
		 * @param status the HTTP status
		 * @param headers the response headers
		 * @param body the body bytes
		 */
		public Answer {
			headers = Map.copyOf(headers);
			body = body.clone();
		}

		/**
		 * Returns a copy of the body.
		 * @return the body bytes
		 */
		@Override
		public byte[] body() {
			return this.body.clone();
		}

		/**
		 * Returns the body decoded as UTF-8.
		 * @return the body text
		 */
		public String bodyAsString() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
