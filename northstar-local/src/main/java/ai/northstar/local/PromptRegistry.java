package ai.northstar.local;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The prompts a local NorthStar knows: what its resolve endpoint answers from, and the prompt versions a batch's
 * prompt links may reference (an unknown {@code prompt_version_id} fails the batch, as the backend's foreign key
 * does).
 * <p>
 * Prompts are defined in code: <pre>{@code
 * LocalIngestServer server = LocalIngestServer.builder().apiKey("ns_test").build();
 * PromptVersion v2 = server.store().prompts().define("support-answer", 2, List.of("prod"),
 *         "Answer {{ question }} politely.", "gpt-4o", 0.2, 512, List.of("question"));
 * }</pre>
 * or loaded from JSON files ({@link #load(Path)}, format in {@link PromptFiles}). Defining a version that exists
 * (same slug and version number) replaces it; a label moves to the version defined last with it.
 *
 * @since 0.1.0
 */
public interface PromptRegistry {

	/**
	 * Stores a prompt version, replacing one with the same slug and version number, and moves its labels to it.
	 * @param definition the version
	 * @return the stored version
	 */
	PromptVersion define(PromptDefinition definition);

	/**
	 * Stores a prompt version; see {@link #define(PromptDefinition)}. The slug is derived from the name.
	 * @param name the prompt name
	 * @param version the version number, {@code >= 1}
	 * @param labels the labels pointing at this version, such as {@code prod}
	 * @param content the template text
	 * @param model the model, or {@code null}
	 * @param temperature the temperature from 0 to 2, or {@code null}
	 * @param maxTokens the most tokens to generate, or {@code null}
	 * @param variables the variable names
	 * @return the stored version
	 * @throws IllegalArgumentException when a value breaks a rule of {@link PromptDefinition}
	 */
	default PromptVersion define(String name, int version, Collection<String> labels, String content,
			@Nullable String model, @Nullable Double temperature, @Nullable Integer maxTokens,
			Collection<String> variables) {
		return define(PromptDefinition.builder(name, content)
			.version(version)
			.labels(labels)
			.model(model)
			.temperature(temperature)
			.maxTokens(maxTokens)
			.variables(variables)
			.build());
	}

	/**
	 * Defines every prompt version of a JSON file, or of every {@code *.json} file of a directory; see
	 * {@link PromptFiles}.
	 * @param path a file or a directory
	 * @return the stored versions
	 * @throws IllegalArgumentException when a file cannot be read or is not in the format
	 */
	default List<PromptVersion> load(Path path) {
		return PromptFiles.read(path).stream().map(this::define).toList();
	}

	/**
	 * Resolves a prompt as the backend does: the prompt whose slug is {@code slug} or whose name equals it ignoring
	 * case; then its version {@code version} when given, else the version {@code label} points at.
	 * @param slug the slug or name
	 * @param label the label, used when no version is given
	 * @param version the version number, or {@code null}
	 * @return the version, or empty when nothing matches
	 */
	Optional<PromptVersion> resolve(String slug, String label, @Nullable Integer version);

	/**
	 * Finds a version by id.
	 * @param id the version id
	 * @return the version, if defined
	 */
	Optional<PromptVersion> version(UUID id);

	/**
	 * Returns every version, by prompt name and version number.
	 * @return the versions
	 */
	List<PromptVersion> versions();

}
