package ai.northstar.evals.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ai.northstar.ReplayTool;
import ai.northstar.test.NorthstarRecorder;
import ai.northstar.test.TestAgents;
import ai.northstar.test.TestKitOnly;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * Tests for {@link ReplayTests}, replaying a recorded run from a batch file with the JUnit Platform test kit.
 */
class ReplayTestsTests {

	@TempDir
	static Path dir;

	static Path batchFile;

	private static final NorthstarRecorder recorder = NorthstarRecorder.create();

	static final ReplayTool SEARCH = (call) -> List.of(Map.of("id", "doc-1", "text", "Reembolsos durante 30 días"));

	@BeforeAll
	static void record() throws Exception {
		TestAgents.ask(recorder.client(), TestAgents.QUESTION);
		batchFile = dir.resolve("run-🧾.json");
		Files.writeString(batchFile, recorder.awaitRuns(1).get(0).toBatchJson());
	}

	@AfterAll
	static void close() {
		recorder.close();
	}

	private static Events run(String method) {
		return EngineTestKit.engine("junit-jupiter")
			.configurationParameter(TestKitOnly.PARAMETER, "true")
			.selectors(selectMethod(SampleTests.class, method))
			.execute()
			.testEvents();
	}

	private static String failure(Events events) {
		return events.failed().stream().findFirst().orElseThrow()
			.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage();
	}

	@Test
	void shouldPassWhenTodaysToolsGiveTheRecordedResults() {
		Events events = run("sameTools");

		assertThat(events.succeeded().stream().map((event) -> event.getTestDescriptor().getDisplayName()))
			.containsExactly("replay research-agent 🔎 (2 tool calls)");
	}

	@Test
	void shouldFailWithTheDiffWhenATodaysToolAnswersDifferently() {
		Events events = run("changedCalculator");

		assertThat(events.failed().count()).isEqualTo(1);
		assertThat(failure(events)).contains("replays differently today")
			.contains("#2 calculator {\"expression\":\"19 + 23\"}: recorded 42 but got 43")
			.doesNotContain("search_docs");
	}

	@Test
	void shouldFailNamingTheToolWhenItIsNotRegistered() {
		Events events = run("missingTool");

		assertThat(failure(events)).contains("No tool registered for recorded tool call 'calculator'");
	}

	@TestKitOnly
	static class SampleTests {

		@TestFactory
		Stream<DynamicTest> sameTools() {
			return ReplayTests.fromFile(batchFile, Map.of("search_docs", SEARCH, "calculator", (call) -> 42));
		}

		@TestFactory
		Stream<DynamicTest> changedCalculator() {
			return ReplayTests.fromFile(batchFile, Map.of("search_docs", SEARCH, "calculator", (call) -> 43));
		}

		@TestFactory
		Stream<DynamicTest> missingTool() {
			return ReplayTests.ofRecorded(recorder.runs(), Map.of("search_docs", SEARCH));
		}

	}

}
