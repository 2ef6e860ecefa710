package ai.northstar.test.spring;

import java.time.Duration;

import ai.northstar.test.NorthstarRecorder;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * For test classes annotated with {@link AutoConfigureNorthstarRecorder @AutoConfigureNorthstarRecorder}: before each
 * test method, flushes what earlier tests recorded and {@link NorthstarRecorder#reset() resets} the recorder; after
 * it, unless the test already failed, flushes and fails the test when the backend would have refused a batch.
 * Registered in {@code META-INF/spring.factories}. Not API.
 *
 * @since 0.1.0
 */
public final class NorthstarRecorderTestExecutionListener extends AbstractTestExecutionListener {

	private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

	@Override
	public int getOrder() {
		return 5000;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		NorthstarRecorder recorder = recorder(testContext);
		if (recorder != null) {
			flush(recorder);
			recorder.reset();
		}
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		NorthstarRecorder recorder = recorder(testContext);
		if (recorder != null && testContext.getTestException() == null) {
			flush(recorder);
			recorder.assertNoRefusals();
		}
	}

	private static void flush(NorthstarRecorder recorder) {
		recorder.boundClient().ifPresent((client) -> client.flush(FLUSH_TIMEOUT));
	}

	private static @Nullable NorthstarRecorder recorder(TestContext testContext) {
		if (!NorthstarRecorderContextCustomizerFactory.isAnnotated(testContext.getTestClass())) {
			return null;
		}
		ApplicationContext context = testContext.getApplicationContext();
		return context.getBean(NorthstarRecorderContextCustomizer.RECORDER_BEAN, NorthstarRecorder.class);
	}

}
