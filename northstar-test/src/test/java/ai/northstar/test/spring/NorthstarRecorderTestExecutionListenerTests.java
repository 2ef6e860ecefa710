package ai.northstar.test.spring;

import ai.northstar.test.NorthstarRecorder;
import ai.northstar.test.TestKitOnly;
import ai.northstar.test.spring.app.RecorderSampleApplication;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Tests for {@link NorthstarRecorderTestExecutionListener}, running a sample Spring Boot test class with the JUnit
 * Platform test kit.
 */
class NorthstarRecorderTestExecutionListenerTests {

	@Test
	void shouldFailTheTestWhenTheBackendWouldRefuseABatch() {
		Events events = EngineTestKit.engine("junit-jupiter")
			.configurationParameter(TestKitOnly.PARAMETER, "true")
			.selectors(selectClass(SampleTests.class))
			.execute()
			.testEvents();

		assertThat(events.succeeded().count()).isZero();
		assertThat(events.failed().count()).isEqualTo(1);
		Throwable failure = events.failed().stream().findFirst().orElseThrow()
			.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
		assertThat(failure).isInstanceOf(AssertionError.class)
			.hasMessageContaining("HTTP 400 \"Payload contains invalid project references\"")
			.hasMessageContaining("sin padre 👻");
	}

	@SpringBootTest(classes = RecorderSampleApplication.class)
	@AutoConfigureNorthstarRecorder
	@TestKitOnly
	static class SampleTests {

		@Autowired
		private NorthstarRecorder recorder;

		@Test
		void sendsAnOrphan() {
			this.recorder.send(AutoConfigureNorthstarRecorderTests.ORPHAN).join();
		}

	}

}
