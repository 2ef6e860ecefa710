package ai.northstar.sample.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.LocalStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts the sample's local NorthStar when no NorthStar credentials are configured, before any bean is created.
 * <p>
 * When {@code northstar.api-key} (or {@code NORTHSTAR_API_KEY}) is not set and {@code northstar.enabled} is not
 * {@code false}, it starts a {@link LocalIngestServer} on a free loopback port, storing into an in-memory
 * {@link LocalStore}, and points the starter at it by adding {@code northstar.endpoint} and a generated
 * {@code northstar.api-key}. The store and the server become beans (the server closes after every other bean, so
 * the final flush at shutdown still reaches it), and the viewer's address is logged once the web server is up.
 * With credentials set, nothing local starts and traces go to the configured NorthStar.
 * <p>
 * Registered in {@code META-INF/spring.factories}, so it applies to the application and to its tests alike.
 *
 * @since 0.1.0
 */
public class LocalNorthstarInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The name of the property source that points the starter at the local NorthStar. */
	public static final String PROPERTY_SOURCE_NAME = "localNorthstar";

	/** The bean name of the {@link LocalStore}. */
	public static final String STORE_BEAN_NAME = "localNorthstarStore";

	/** The bean name of the {@link LocalIngestServer}. */
	public static final String SERVER_BEAN_NAME = "localNorthstarServer";

	private static final Logger logger = LoggerFactory.getLogger(LocalNorthstarInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (context.getParent() != null || environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		if (!environment.getProperty("northstar.enabled", Boolean.class, true)) {
			return;
		}
		if (StringUtils.hasText(environment.getProperty("northstar.api-key"))) {
			logger.info("NorthStar credentials are set: traces go to the configured NorthStar, the local viewer is off");
			return;
		}
		String apiKey = "ns_local_" + UUID.randomUUID().toString().replace("-", "");
		LocalStore store = LocalStore.create();
		LocalIngestServer server = LocalIngestServer.builder().apiKey(apiKey).store(store).build();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("northstar.api-key", apiKey);
		properties.put("northstar.endpoint", server.ingestUri().toString());
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(STORE_BEAN_NAME, store);
		beanFactory.registerSingleton(SERVER_BEAN_NAME, server);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			// Registered before every other bean, so destroyed after them
			registry.registerDisposableBean(SERVER_BEAN_NAME, server::close);
		}
		else {
			context.addApplicationListener(new ServerCloser(server));
		}
		context.addApplicationListener(new ViewerUrlLogger());
		logger.debug("Local NorthStar ingest endpoint at {}", server.ingestUri());
	}

}
