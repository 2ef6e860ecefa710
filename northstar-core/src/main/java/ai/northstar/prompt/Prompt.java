package ai.northstar.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One version of a prompt kept in NorthStar, as {@link Prompts} pulled it: the template and the model settings saved
 * with it. Immutable and thread-safe.
 *
 * <pre>{@code
 * Prompt prompt = northstar.prompts().get("support-answer");
 * CompiledPrompt compiled = prompt.compile(Map.of("question", question));
 * }</pre>
 *
 * A prompt served from a fallback file, because NorthStar could not be reached and nothing was cached, says
 * {@link #isFallback()}: it has no {@link #versionId()} or {@link #promptId()}, its {@link #version()} is {@code 0},
 * and binding it marks the span {@code prompt.fallback = true} instead of linking it.
 *
 * @since 0.1.0
 */
public final class Prompt {

	private final String name;

	private final @Nullable UUID versionId;

	private final @Nullable UUID promptId;

	private final int version;

	private final String content;

	private final @Nullable String model;

	private final @Nullable Double temperature;

	private final @Nullable Integer maxTokens;

	private final List<String> variables;

	private final String contentHash;

	private final boolean fallback;

	Prompt(String name, @Nullable UUID versionId, @Nullable UUID promptId, int version, String content,
			@Nullable String model, @Nullable Double temperature, @Nullable Integer maxTokens, List<String> variables,
			@Nullable String contentHash, boolean fallback) {
		this.name = name;
		this.versionId = versionId;
		this.promptId = promptId;
		this.version = version;
		this.content = content;
		this.model = model;
		this.temperature = temperature;
		this.maxTokens = maxTokens;
		this.variables = List.copyOf(variables.isEmpty() ? PromptTemplate.placeholders(content) : variables);
		this.contentHash = (contentHash != null) ? contentHash : contentHash(content);
		this.fallback = fallback;
	}

	/**
	 * Returns a prompt read from a fallback file.
	 * @param name the prompt name
	 * @param content the file's text
	 * @return the prompt
	 */
	static Prompt fallback(String name, String content) {
		return new Prompt(name, null, null, 0, content, null, null, null, List.of(), null, true);
	}

	/**
	 * Returns the SHA-256 of a template's UTF-8 bytes in lower-case hexadecimal, as the backend computes
	 * {@code content_hash}.
	 */
	static String contentHash(String content) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Returns the name the prompt was asked for by.
	 * @return the name (or slug)
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the id of this prompt version, the {@code prompt_version_id} its links carry.
	 * @return the version id, {@code null} for a {@linkplain #isFallback() fallback}
	 */
	public @Nullable UUID versionId() {
		return this.versionId;
	}

	/**
	 * Returns the id of the prompt this version belongs to.
	 * @return the prompt id, {@code null} for a {@linkplain #isFallback() fallback}
	 */
	public @Nullable UUID promptId() {
		return this.promptId;
	}

	/**
	 * Returns the version number.
	 * @return the number, from 1; {@code 0} for a {@linkplain #isFallback() fallback}
	 */
	public int version() {
		return this.version;
	}

	/**
	 * Returns the template text, with its {@code {{ name }}} and {@code {name}} placeholders.
	 * @return the template
	 */
	public String content() {
		return this.content;
	}

	/**
	 * Returns the model saved with this version.
	 * @return the model, such as {@code gpt-4o}, or {@code null}
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Returns the temperature saved with this version.
	 * @return the temperature, from 0 to 2, or {@code null}
	 */
	public @Nullable Double temperature() {
		return this.temperature;
	}

	/**
	 * Returns the most tokens to generate saved with this version.
	 * @return the limit, or {@code null}
	 */
	public @Nullable Integer maxTokens() {
		return this.maxTokens;
	}

	/**
	 * Returns the names of the variables of this version: those NorthStar lists, else the template's placeholders.
	 * @return the names
	 */
	public List<String> variables() {
		return this.variables;
	}

	/**
	 * Returns the SHA-256 of the template, in lower-case hexadecimal.
	 * @return the hash
	 */
	public String contentHash() {
		return this.contentHash;
	}

	/**
	 * Returns whether this prompt was read from a fallback file rather than pulled from NorthStar.
	 * @return {@code true} for a fallback
	 */
	public boolean isFallback() {
		return this.fallback;
	}

	/**
	 * Fills the placeholders of the template. Every placeholder needs a value; values no placeholder uses are kept,
	 * for the link, and ignored by the text. A value is written as {@link String#valueOf(Object)} writes it.
	 * @param variables the values by name
	 * @return the compiled prompt
	 * @throws IllegalArgumentException when a placeholder has no value:
	 * {@code "Missing prompt variables: question, topic"}
	 */
	public CompiledPrompt compile(Map<String, ?> variables) {
		Objects.requireNonNull(variables, "variables must not be null");
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		variables.forEach((name, value) -> {
			if (name == null) {
				throw new IllegalArgumentException("variables must not have a null name");
			}
			values.put(name, value);
		});
		return new CompiledPrompt(this, PromptTemplate.render(this.content, values), values);
	}

	@Override
	public String toString() {
		return this.fallback ? "Prompt[" + this.name + ", fallback]"
				: "Prompt[" + this.name + " v" + this.version + ", " + this.versionId + "]";
	}

}
