package ai.northstar.test;

import ai.northstar.Northstar;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test a fresh {@link NorthstarRecorder} and a {@link Northstar} client built
 * on it ({@link NorthstarRecorder#client()}, capturing every typed event), as parameters of the test method or of
 * its {@code @BeforeEach} methods. After the test, the client is closed (which sends what it still holds), and the
 * test fails when the NorthStar backend would have refused any batch it sent.
 *
 * <pre>{@code
 * @ExtendWith(NorthstarRecorderExtension.class)
 * class AgentTests {
 *
 *     @Test
 *     void shouldSearchTheDocsWhenAsked(Northstar northstar, NorthstarRecorder recorder) {
 *         new Agent(northstar).ask("Où est la doc ? 📚");
 *         assertThat(recorder.awaitRuns(1).get(0)).isOk().hasToolCalls("search_docs");
 *     }
 *
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NorthstarRecorderExtension implements ParameterResolver, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(NorthstarRecorderExtension.class);

	private static final String KEY = "recorder";

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return extensionContext.getTestMethod().isPresent()
				&& (type == NorthstarRecorder.class || type == Northstar.class);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		NorthstarRecorder recorder = extensionContext.getStore(NAMESPACE)
			.computeIfAbsent(KEY, (key) -> NorthstarRecorder.create(), NorthstarRecorder.class);
		return (parameterContext.getParameter().getType() == Northstar.class) ? recorder.client() : recorder;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		NorthstarRecorder recorder = context.getStore(NAMESPACE).remove(KEY, NorthstarRecorder.class);
		if (recorder == null) {
			return;
		}
		recorder.close();
		if (context.getExecutionException().isEmpty()) {
			recorder.assertNoRefusals();
		}
	}

}
