package ai.northstar.local;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored prompt version, as the resolve endpoint answers it. Immutable: JSON accessors return copies.
 *
 * @param id the version id, the {@code prompt_version_id} of a prompt link
 * @param promptId the prompt id
 * @param name the prompt name
 * @param slug the prompt slug
 * @param versionNumber the version number
 * @param content the template text
 * @param model the model, or {@code null}
 * @param temperature the temperature, or {@code null}
 * @param maxTokens the most tokens to generate, or {@code null}
 * @param variables the variables: names or objects
 * @param contentHash the SHA-256 of the content, in lower-case hexadecimal
 * @param labels the labels pointing at this version
 * @since 0.1.0
 */
public record PromptVersion(UUID id, UUID promptId, String name, String slug, int versionNumber, String content,
		@Nullable String model, @Nullable Double temperature, @Nullable Integer maxTokens, ArrayNode variables,
		String contentHash, List<String> labels) {

	/**
	 * Creates an instance, copying the mutable arguments.
	 * @param id the version id
	 * @param promptId the prompt id
	 * @param name the prompt name
	 * @param slug the prompt slug
	 * @param versionNumber the version number
	 * @param content the template text
	 * @param model the model, or {@code null}
	 * @param temperature the temperature, or {@code null}
	 * @param maxTokens the most tokens to generate, or {@code null}
	 * @param variables the variables
	 * @param contentHash the SHA-256 of the content
	 * @param labels the labels pointing at this version
	 */
	public PromptVersion {
		variables = variables.deepCopy();
		labels = List.copyOf(labels);
	}

	/**
	 * Returns the version a definition describes, with the given labels.
	 * @param definition the definition
	 * @param labels the labels pointing at it
	 * @return the version
	 */
	public static PromptVersion of(PromptDefinition definition, List<String> labels) {
		return new PromptVersion(definition.versionId(), definition.promptId(), definition.name(), definition.slug(),
				definition.version(), definition.content(), definition.model(), definition.temperature(),
				definition.maxTokens(), definition.variables(), contentHash(definition.content()), labels);
	}

	/**
	 * Returns the hash the backend stores for a template: SHA-256 of its UTF-8 bytes, in lower-case hexadecimal.
	 * @param content the template text
	 * @return the hash
	 */
	public static String contentHash(String content) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Returns a copy of the variables.
	 * @return the variables
	 */
	@Override
	public ArrayNode variables() {
		return this.variables.deepCopy();
	}

	/**
	 * Returns this version in the shape of the resolve endpoint's {@code prompt_version}: {@code id, prompt_id,
	 * version_number, content, model, temperature, max_tokens, variables, content_hash}.
	 * @return a new JSON object
	 */
	public ObjectNode toJson() {
		ObjectNode json = JsonNodeFactory.instance.objectNode();
		json.put("id", this.id.toString());
		json.put("prompt_id", this.promptId.toString());
		json.put("version_number", this.versionNumber);
		json.put("content", this.content);
		json.put("model", this.model);
		if (this.temperature != null) {
			// numeric(4,3) in the backend: 0.2 is answered as 0.2, never as 0.20000000000000001
			json.put("temperature", BigDecimal.valueOf(this.temperature).stripTrailingZeros());
		}
		else {
			json.putNull("temperature");
		}
		json.put("max_tokens", this.maxTokens);
		json.set("variables", this.variables.deepCopy());
		json.put("content_hash", this.contentHash);
		return json;
	}

}
