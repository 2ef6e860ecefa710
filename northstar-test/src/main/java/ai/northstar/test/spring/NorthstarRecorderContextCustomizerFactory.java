package ai.northstar.test.spring;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Installs the {@link NorthstarRecorderContextCustomizer} for test classes annotated with
 * {@link AutoConfigureNorthstarRecorder @AutoConfigureNorthstarRecorder} (registered in
 * {@code META-INF/spring.factories}). Not API.
 *
 * @since 0.1.0
 */
public final class NorthstarRecorderContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return isAnnotated(testClass) ? new NorthstarRecorderContextCustomizer() : null;
	}

	static boolean isAnnotated(Class<?> testClass) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureNorthstarRecorder.class);
	}

}
