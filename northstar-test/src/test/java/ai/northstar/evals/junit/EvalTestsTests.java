package ai.northstar.evals.junit;

import java.util.List;
import java.util.stream.Stream;

import ai.northstar.evals.Dataset;
import ai.northstar.evals.EvalResult;
import ai.northstar.evals.EvalSuite;
import ai.northstar.evals.PyFixtures;
import ai.northstar.evals.grader.Graders;
import ai.northstar.test.TestKitOnly;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * Tests for {@link EvalTests}, running sample test factories with the JUnit Platform test kit.
 */
class EvalTestsTests {

	static final Dataset DATASET = Dataset.fromRecords(List.of(
			PyFixtures.json("{\"id\": \"bien-✅\", \"messages\": [{\"role\": \"assistant\", \"content\": \"Reembolso en 30 días\"}], \"expected\": {\"contains\": [\"30 días\"]}}"),
			PyFixtures.json("{\"id\": \"mal-❌\", \"messages\": [{\"role\": \"assistant\", \"content\": \"No sé\"}], \"expected\": {\"contains\": [\"30 días\"]}}")));

	static final EvalSuite SUITE = EvalSuite.builder().grader(Graders.contains()).grader(Graders.requiredTools()).build();

	private static EngineExecutionResults run(String method) {
		return EngineTestKit.engine("junit-jupiter")
			.configurationParameter(TestKitOnly.PARAMETER, "true")
			.selectors(selectMethod(SampleTests.class, method))
			.execute();
	}

	private static List<String> names(Events events) {
		return events.stream().map((event) -> event.getTestDescriptor().getDisplayName()).toList();
	}

	private static String message(Event event) {
		return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage();
	}

	@Test
	void shouldFailEveryFailedGradeAndThePassRateWhenNoMinimumIsSet() {
		EngineExecutionResults events = run("strict");

		assertThat(names(events.containerEvents().started())).contains("bien-✅", "mal-❌");
		assertThat(names(events.testEvents().succeeded())).containsExactly("bien-✅ · contains");
		assertThat(names(events.testEvents().aborted())).containsExactly("bien-✅ · required_tools", "mal-❌ · required_tools");
		assertThat(names(events.testEvents().failed())).containsExactly("mal-❌ · contains", "pass rate 50.0% ≥ 100.0%");
		Event failedGrade = events.testEvents().failed().stream().findFirst().orElseThrow();
		assertThat(message(failedGrade)).startsWith("mal-❌ · contains: Final response did not contain required phrases.")
			.contains("missing_phrases");
		assertThat(message(events.testEvents().failed().stream().skip(1).findFirst().orElseThrow()))
			.contains("Pass rate 50.0% (1/2 evaluated cases) is below the minimum 100.0%")
			.contains("mal-❌: contains (Final response did not contain required phrases.)");
		assertThat(message(events.testEvents().aborted().stream().findFirst().orElseThrow()))
			.isEqualTo("bien-✅ · required_tools: skipped: expected.required_tools was not provided.");
	}

	@Test
	void shouldCountFailedGradesInThePassRateWhenAMinimumIsSet() {
		EngineExecutionResults events = run("tolerant");

		assertThat(events.testEvents().failed().count()).isZero();
		assertThat(names(events.testEvents().succeeded())).containsExactly("bien-✅ · contains", "pass rate 50.0% ≥ 50.0%");
		assertThat(events.testEvents().aborted().stream().map(EvalTestsTests::message))
			.contains("mal-❌ · contains: failed, counted in the pass rate (minimum 50.0%): Final response did not"
					+ " contain required phrases."
					+ "\nscore: 0.0 (threshold 1.0)\nmetadata: " + SUITE.run(DATASET).caseResult("mal-❌").grade("contains").metadata());
	}

	@Test
	void shouldListTheFailedCasesWhenThePassRateIsBelowTheMinimum() {
		EvalResult result = SUITE.run(DATASET);

		EvalTests.assertPassRate(result, 0.5);
		assertThatExceptionOfType(AssertionFailedError.class).isThrownBy(() -> EvalTests.assertPassRate(result, 0.75))
			.withMessageContaining("below the minimum 75.0%")
			.withMessageContaining("mal-❌");
	}

	@TestKitOnly
	static class SampleTests {

		@TestFactory
		Stream<DynamicNode> strict() {
			return EvalTests.of(SUITE, DATASET).stream();
		}

		@TestFactory
		Stream<DynamicNode> tolerant() {
			return EvalTests.of(SUITE, DATASET).minPassRate(0.5).stream();
		}

	}

}
