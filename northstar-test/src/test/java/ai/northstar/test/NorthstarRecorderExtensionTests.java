package ai.northstar.test;

import java.nio.charset.StandardCharsets;

import ai.northstar.Northstar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * Tests for {@link NorthstarRecorderExtension}, running sample test classes with the JUnit Platform test kit.
 */
class NorthstarRecorderExtensionTests {

	@Test
	void shouldInjectARecorderAndItsClientWhenATestAsksForThem() {
		Events events = run(SampleTests.class, "records");

		assertThat(events.succeeded().count()).isEqualTo(1);
		assertThat(SampleTests.lastRecorder.boundClient()).isEmpty();
	}

	@Test
	void shouldFailTheTestWhenTheBackendWouldRefuseABatch() {
		Events events = run(SampleTests.class, "sendsAnOrphan");

		assertThat(events.failed().count()).isEqualTo(1);
		Throwable failure = events.failed().stream().findFirst().orElseThrow()
			.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
		assertThat(failure).isInstanceOf(AssertionError.class)
			.hasMessageContaining("Payload contains invalid project references")
			.hasMessageContaining("huérfano 👻");
	}

	@Test
	void shouldKeepTheTestsOwnFailureWhenItFailedAnyway() {
		Events events = run(SampleTests.class, "failsAndSendsAnOrphan");

		Throwable failure = events.failed().stream().findFirst().orElseThrow()
			.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
		assertThat(failure).hasMessage("the test's own failure");
	}

	private static Events run(Class<?> type, String method) {
		return EngineTestKit.engine("junit-jupiter")
			.configurationParameter(TestKitOnly.PARAMETER, "true")
			.selectors(selectMethod(type, method, nameOfParameters(type, method)))
			.execute()
			.testEvents();
	}

	private static String nameOfParameters(Class<?> type, String method) {
		for (var candidate : type.getDeclaredMethods()) {
			if (candidate.getName().equals(method)) {
				StringBuilder names = new StringBuilder();
				for (Class<?> parameter : candidate.getParameterTypes()) {
					names.append((names.length() > 0) ? "," : "").append(parameter.getName());
				}
				return names.toString();
			}
		}
		throw new IllegalArgumentException(method);
	}

	static final String ORPHAN = """
			{"schema_version": 2, "events": [{"id": "00000000-0000-4000-8000-000000000003",
			"run_id": "00000000-0000-4000-8000-000000000099", "type": "custom", "created_at": "2026-01-01T00:00:00Z",
			"content": "huérfano 👻", "attributes": {}}]}""";

	@ExtendWith(NorthstarRecorderExtension.class)
	@TestKitOnly
	static class SampleTests {

		static NorthstarRecorder lastRecorder;

		@Test
		void records(Northstar northstar, NorthstarRecorder recorder) {
			lastRecorder = recorder;
			northstar.trace("inyectado 💉", () -> "ok");
			assertThat(recorder.awaitRuns(1)).extracting(RecordedRun::name).containsExactly("inyectado 💉");
			assertThat(recorder.boundClient()).containsSame(northstar);
		}

		@Test
		void sendsAnOrphan(NorthstarRecorder recorder) {
			recorder.send(ORPHAN.getBytes(StandardCharsets.UTF_8)).join();
		}

		@Test
		void failsAndSendsAnOrphan(NorthstarRecorder recorder) {
			recorder.send(ORPHAN.getBytes(StandardCharsets.UTF_8)).join();
			throw new AssertionError("the test's own failure");
		}

	}

}
