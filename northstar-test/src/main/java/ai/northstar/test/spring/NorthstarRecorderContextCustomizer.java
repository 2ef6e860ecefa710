package ai.northstar.test.spring;

import java.util.Map;

import ai.northstar.Northstar;
import ai.northstar.test.NorthstarRecorder;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Sets the properties that turn tracing on, and registers the {@link NorthstarRecorder} (primary, so that the
 * starter's transport backs off) and the bean that binds the application's {@link Northstar} client to it. Bean
 * definitions added here precede every configuration class, so the conditions of the auto-configuration see them.
 */
final class NorthstarRecorderContextCustomizer implements ContextCustomizer {

	static final String RECORDER_BEAN = "northstarRecorder";

	private static final String BINDER_BEAN = "northstarRecorderBinder";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		sources.addFirst(new MapPropertySource("northstarRecorder", Map.of("northstar.enabled", "true",
				"northstar.api-key", NorthstarRecorder.API_KEY, "northstar.endpoint", NorthstarRecorder.ENDPOINT)));
		sources.addLast(new MapPropertySource("northstarRecorderDefaults", Map.of("northstar.flush-interval", "100ms")));
		if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
			throw new IllegalStateException("@AutoConfigureNorthstarRecorder needs a bean definition registry, "
					+ context.getBeanFactory().getClass().getName() + " is none");
		}
		RootBeanDefinition recorder = new RootBeanDefinition(NorthstarRecorder.class, NorthstarRecorder::create);
		recorder.setPrimary(true);
		registry.registerBeanDefinition(RECORDER_BEAN, recorder);
		RootBeanDefinition binder = new RootBeanDefinition(Binder.class);
		registry.registerBeanDefinition(BINDER_BEAN, binder);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other != null && other.getClass() == getClass();
	}

	@Override
	public int hashCode() {
		return getClass().hashCode();
	}

	/**
	 * Binds the application's client to the recorder once every singleton exists, so that
	 * {@link NorthstarRecorder#awaitRuns(int)} flushes it.
	 */
	static final class Binder implements SmartInitializingSingleton {

		private final NorthstarRecorder recorder;

		private final ObjectProvider<Northstar> client;

		Binder(NorthstarRecorder recorder, ObjectProvider<Northstar> client) {
			this.recorder = recorder;
			this.client = client;
		}

		@Override
		public void afterSingletonsInstantiated() {
			Northstar northstar = this.client.getIfUnique();
			if (northstar == null) {
				return;
			}
			if (!northstar.isEnabled()) {
				throw new IllegalStateException("@AutoConfigureNorthstarRecorder: the application's Northstar client"
						+ " is disabled, so nothing would be recorded; is a Northstar bean of the application replacing"
						+ " the starter's?");
			}
			this.recorder.bind(northstar);
		}

	}

}
