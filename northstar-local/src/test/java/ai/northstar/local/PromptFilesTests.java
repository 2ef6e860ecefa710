package ai.northstar.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PromptFiles}.
 */
class PromptFilesTests {

	@TempDir
	Path directory;

	@Test
	void shouldReadEveryVersionWhenFileHoldsOnePrompt() throws IOException {
		Path file = Files.writeString(this.directory.resolve("support.json"), """
				{"name": "Support", "slug": "support", "versions": [
				  {"version": 1, "labels": ["staging"], "content": "Hi {name}"},
				  {"version": 2, "labels": ["prod", "latest"], "content": "Grüß dich {{ name }} 👋", "model": "gpt-4o",
				   "temperature": 0.3, "max_tokens": 100, "variables": [{"name": "name", "type": "string"}]}
				]}
				""");
		List<PromptDefinition> definitions = PromptFiles.read(file);
		assertThat(definitions).extracting(PromptDefinition::version).containsExactly(1, 2);
		PromptDefinition second = definitions.get(1);
		assertThat(second.slug()).isEqualTo("support");
		assertThat(second.labels()).containsExactly("prod", "latest");
		assertThat(second.content()).isEqualTo("Grüß dich {{ name }} 👋");
		assertThat(second.model()).isEqualTo("gpt-4o");
		assertThat(second.temperature()).isEqualTo(0.3);
		assertThat(second.maxTokens()).isEqualTo(100);
		assertThat(second.variables().get(0).get("type").stringValue()).isEqualTo("string");
		assertThat(definitions.get(0).variables().toString()).isEqualTo("[\"name\"]");
	}

	@Test
	void shouldReadJsonFilesInNameOrderWhenGivenADirectory() throws IOException {
		Files.writeString(this.directory.resolve("b.json"),
				"{\"prompts\": [{\"name\": \"b\", \"versions\": [{\"version\": 1, \"content\": \"B\"}]}]}");
		Files.writeString(this.directory.resolve("a.json"),
				"[{\"name\": \"a\", \"versions\": [{\"version\": 1, \"content\": \"A\"}]}]");
		Files.writeString(this.directory.resolve("notes.txt"), "not a prompt");
		assertThat(PromptFiles.read(this.directory)).extracting(PromptDefinition::name).containsExactly("a", "b");
		PromptRegistry prompts = LocalStore.create().prompts();
		assertThat(prompts.load(this.directory)).hasSize(2);
		assertThat(prompts.resolve("a", "prod", 1)).isPresent();
	}

	@Test
	void shouldNameTheFileAndTheProblemWhenFileIsInvalid() throws IOException {
		Path notJson = Files.writeString(this.directory.resolve("broken.json"), "{");
		assertThatIllegalArgumentException().isThrownBy(() -> PromptFiles.read(notJson))
			.withMessageStartingWith("Prompt file " + notJson + " is not JSON");
		Path noContent = Files.writeString(this.directory.resolve("empty.json"),
				"{\"name\": \"p\", \"versions\": [{\"version\": 1}]}");
		assertThatIllegalArgumentException().isThrownBy(() -> PromptFiles.read(noContent))
			.withMessage("Prompt file " + noContent + ": 'content' is required");
		Path badTemperature = Files.writeString(this.directory.resolve("hot.json"),
				"{\"name\": \"p\", \"versions\": [{\"version\": 1, \"content\": \"c\", \"temperature\": 3}]}");
		assertThatIllegalArgumentException().isThrownBy(() -> PromptFiles.read(badTemperature))
			.withMessage("Prompt file " + badTemperature
					+ ": prompt 'p' version 1: temperature must be between 0 and 2, was 3.0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptFiles.read(this.directory.resolve("missing.json")))
			.withMessageStartingWith("Could not read the prompt file");
	}

}
