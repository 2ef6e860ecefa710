package ai.northstar.evals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Dataset}, mirroring the dataset tests of the Python SDK's {@code tests/test_evals.py}.
 */
class DatasetTests {

	@TempDir
	Path dir;

	private Path write(String name, String text) throws Exception {
		Path path = this.dir.resolve(name);
		Files.writeString(path, text, StandardCharsets.UTF_8);
		return path;
	}

	/** Mirrors {@code test_jsonl_loader_requires_only_id_and_messages}. */
	@Test
	void shouldReadAJsonlCaseWhenItHasOnlyIdAndMessages() throws Exception {
		Dataset dataset = Dataset.fromJsonl(write("dataset.jsonl", "{\"id\": \"case-1\", \"messages\": []}"));

		assertThat(dataset.size()).isEqualTo(1);
		assertThat(dataset.cases().get(0).id()).isEqualTo("case-1");
		assertThat(dataset.cases().get(0).expected().goal()).isNull();
	}

	/** Mirrors {@code test_json_loader_accepts_array_cases_and_single_case}. */
	@Test
	void shouldReadAnArrayOrASingleCaseWhenTheFileIsJson() throws Exception {
		Path array = write("array.json", "[{\"id\": \"case-1\", \"messages\": []}, {\"id\": \"case-2\", \"messages\": []}]");
		Path single = write("single.json", "{\"id\": \"case-3\", \"messages\": []}");

		assertThat(Dataset.fromJson(array)).extracting(EvalCase::id).containsExactly("case-1", "case-2");
		assertThat(Dataset.fromJson(single)).extracting(EvalCase::id).containsExactly("case-3");
	}

	/** Mirrors {@code test_json_loader_accepts_object_with_cases}. */
	@Test
	void shouldReadTheCasesWhenTheJsonIsAnObjectWithCases() throws Exception {
		Dataset dataset = Dataset.fromPath(write("dataset.json", "{\"cases\": [{\"id\": \"case-1\", \"messages\": []}]}"));

		assertThat(dataset.size()).isEqualTo(1);
		assertThat(dataset.cases().get(0).id()).isEqualTo("case-1");
	}

	/** Mirrors {@code test_dataset_loaders_report_invalid_json_and_validation_errors}. */
	@Test
	void shouldSayWhereWhenJsonOrACaseIsInvalid() throws Exception {
		Path badJsonl = write("bad.jsonl", "{\"id\": \"case-1\"");
		Path badJson = write("bad.json", "{\"cases\": [");
		Path badCase = write("bad-case.json", "{\"id\": \"case-1\"}");
		Path unsupported = write("dataset.csv", "id,messages\n");

		assertThatIllegalArgumentException().isThrownBy(() -> Dataset.fromJsonl(badJsonl)).withMessageContaining("line 1");
		assertThatIllegalArgumentException().isThrownBy(() -> Dataset.fromJson(badJson))
			.withMessageContaining("Invalid JSON dataset");
		assertThatIllegalArgumentException().isThrownBy(() -> Dataset.fromJson(badCase))
			.withMessageContaining("Invalid eval case")
			.withMessageContaining("messages is required");
		assertThatIllegalArgumentException().isThrownBy(() -> Dataset.fromPath(unsupported))
			.withMessageContaining("Unsupported eval dataset format");
	}

	@Test
	void shouldRefuseUnknownKeysAndInvalidLimitsWhenReadingCases() throws Exception {
		Path jsonl = write("cases.jsonl", "{\"id\": \"ok\", \"messages\": []}\n\n"
				+ "{\"id\": \"bad\", \"messages\": [], \"expected\": {\"max_tool_calls\": -1}}\n");

		assertThatIllegalArgumentException().isThrownBy(() -> Dataset.fromJsonl(jsonl))
			.withMessage("Invalid eval case on line 3: expected.max_tool_calls must be non-negative, was -1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Dataset.fromRecords(List.of(Map.of("id", "x", "messages", List.of(), "extra", 1))))
			.withMessageContaining("extra is not allowed");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Dataset.fromRecords(
					List.of(Map.of("id", "x", "messages", List.of(), "expected", Map.of("trace", Map.of("min_retrieval_recall", 2))))))
			.withMessageContaining("expected.trace.min_retrieval_recall must be between 0 and 1");
	}

	@Test
	void shouldKeepEveryScriptAndEmojiWhenReadingAJsonlFile() throws Exception {
		Path path = write("unicode.jsonl", "{\"id\": \"caso-ñ-🧪\", \"messages\": [{\"role\": \"user\", \"content\": "
				+ "\"Привет, 世界! مرحبا 👋\"}], \"expected\": {\"contains\": \"世界 👋\", \"required_tools\": \"búsqueda\"},"
				+ " \"metadata\": {\"équipe\": \"🚀\"}}");

		EvalCase evalCase = Dataset.fromPath(path).cases().get(0);

		assertThat(evalCase.id()).isEqualTo("caso-ñ-🧪");
		assertThat(evalCase.expected().contains()).containsExactly("世界 👋");
		assertThat(evalCase.expected().requiredTools()).containsExactly("búsqueda");
		assertThat(evalCase.metadata().get("équipe").asString()).isEqualTo("🚀");
		assertThat(EvalRun.of(evalCase).userMessages()).containsExactly("Привет, 世界! مرحبا 👋");
	}

}
