package ai.northstar.local.spring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import ai.northstar.autoconfigure.local.LocalNorthstarProperties;
import ai.northstar.local.jdbc.JdbcStore;
import ai.northstar.local.viewer.ViewerPages;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Starts the local NorthStar before any bean is created, and points the starter at it.
 * <p>
 * It starts when {@code northstar.local.enabled} is {@code true}, or when it is not set, {@code northstar.enabled}
 * is not {@code false}, no {@code northstar.api-key} is configured and the application does not run from a packaged
 * jar ({@code java -jar}, as devtools decides). It opens the {@link JdbcStore} (the H2 file of
 * {@code northstar.local.directory}, or {@code northstar.local.datasource.url}), loads {@code northstar.local.prompts},
 * starts the ingest and prompt endpoints on a loopback port (on {@code northstar.local.port} with the viewer when the
 * application has no web server), and adds {@code northstar.endpoint} and a generated {@code northstar.api-key} in
 * front of the application's properties. An invalid {@code northstar.local.*} value fails startup naming the
 * property; a store that cannot be opened is one warning and no local NorthStar.
 * <p>
 * Registered in {@code META-INF/spring.factories}.
 *
 * @since 0.1.0
 */
public class LocalNorthstarInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The name of the property source that points the starter at the local NorthStar. */
	public static final String PROPERTY_SOURCE_NAME = "localNorthstar";

	/** The bean name of the {@link LocalNorthstar}. */
	public static final String BEAN_NAME = "localNorthstar";

	/** The bean name of its {@link JdbcStore}. */
	public static final String STORE_BEAN_NAME = "localNorthstarStore";

	/** Set by the standalone server: serve on {@code northstar.local.address}, print the API key. */
	static final String STANDALONE_PROPERTY = "northstar.local.standalone";

	private static final String WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.context."
			+ "WebServerApplicationContext";

	private static final Logger logger = LoggerFactory.getLogger(LocalNorthstarInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (context.getParent() != null || environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		LocalNorthstarProperties properties = Binder.get(environment)
			.bind("northstar.local", LocalNorthstarProperties.class)
			.orElseGet(LocalNorthstarProperties::new);
		boolean standalone = environment.getProperty(STANDALONE_PROPERTY, Boolean.class, false);
		if (!shouldStart(environment, properties, standalone)) {
			return;
		}
		validate(properties);
		boolean web = isWebServerContext(context);
		LocalNorthstar local = start(properties, standalone, web);
		if (local == null) {
			return;
		}
		Map<String, Object> pointers = new LinkedHashMap<>();
		pointers.put("northstar.api-key", local.apiKey());
		pointers.put("northstar.endpoint", local.ingestUri().toString());
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, pointers));
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, local);
		beanFactory.registerSingleton(STORE_BEAN_NAME, local.store());
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			// registered before every other bean, so destroyed after them: the final flush still reaches it
			registry.registerDisposableBean(BEAN_NAME, local::close);
		}
		else {
			context.addApplicationListener((ContextClosedEvent event) -> local.close());
		}
		if (local.viewerUri() != null) {
			logger.info("Local NorthStar viewer at {}", local.viewerUri());
		}
		else if (ClassUtils.isPresent("org.springframework.boot.web.server.context.WebServerInitializedEvent",
				context.getClassLoader())) {
			context.addApplicationListener(new ViewerUrlLogger());
		}
		if (standalone) {
			logger.info("Local NorthStar ingest endpoint at {} (API key {}); prompts at {}", local.ingestUri(),
					local.apiKey(), local.baseUri() + "/functions/v1/prompts/resolve");
		}
	}

	private static boolean shouldStart(ConfigurableEnvironment environment, LocalNorthstarProperties properties,
			boolean standalone) {
		Boolean enabled = properties.getEnabled();
		if (standalone || Boolean.TRUE.equals(enabled)) {
			return true;
		}
		if (Boolean.FALSE.equals(enabled) || !environment.getProperty("northstar.enabled", Boolean.class, true)) {
			return false;
		}
		if (StringUtils.hasText(environment.getProperty("northstar.api-key"))) {
			logger.debug("northstar.api-key is set: the local NorthStar stays off (northstar.local.enabled=true starts it)");
			return false;
		}
		if (launchedFromPackagedJar()) {
			logger.info("The application runs from a packaged jar: the local NorthStar stays off "
					+ "(northstar.local.enabled=true starts it)");
			return false;
		}
		return true;
	}

	private static void validate(LocalNorthstarProperties properties) {
		if (properties.getMaxRuns() <= 0) {
			throw new InvalidConfigurationPropertyValueException("northstar.local.max-runs", properties.getMaxRuns(),
					"must be > 0");
		}
		if (properties.getPort() < 0 || properties.getPort() > 65535) {
			throw new InvalidConfigurationPropertyValueException("northstar.local.port", properties.getPort(),
					"must be between 0 and 65535");
		}
		String url = properties.getDatasource().getUrl();
		if (StringUtils.hasText(url) && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
			throw new InvalidConfigurationPropertyValueException("northstar.local.datasource.url", url,
					"must be a jdbc:postgresql: or jdbc:h2: URL");
		}
		for (Path prompts : properties.getPrompts()) {
			if (!Files.exists(prompts)) {
				throw new InvalidConfigurationPropertyValueException("northstar.local.prompts", prompts,
						"no such file or directory");
			}
		}
	}

	private static @Nullable LocalNorthstar start(LocalNorthstarProperties properties, boolean standalone,
			boolean web) {
		String url = properties.getDatasource().getUrl();
		String where = StringUtils.hasText(url) ? url : properties.getDirectory().toAbsolutePath().toString();
		JdbcStore store;
		try {
			if (!StringUtils.hasText(url)) {
				Files.createDirectories(properties.getDirectory());
				url = JdbcStore.h2Url(properties.getDirectory());
			}
			store = JdbcStore.open(url, properties.getDatasource().getUsername(),
					properties.getDatasource().getPassword(), properties.getMaxRuns());
		}
		catch (Exception ex) {
			if (standalone) {
				throw new IllegalStateException("The local NorthStar could not open its store at " + where, ex);
			}
			logger.warn("The local NorthStar could not open its store at {} ({}): it stays off", where,
					rootMessage(ex));
			return null;
		}
		try {
			for (Path prompts : properties.getPrompts()) {
				try {
					store.prompts().load(prompts);
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidConfigurationPropertyValueException("northstar.local.prompts", prompts,
							ex.getMessage());
				}
			}
			String apiKey = properties.getApiKey();
			if (!standalone || !StringUtils.hasText(apiKey)) {
				apiKey = "ns_local_" + UUID.randomUUID().toString().replace("-", "");
			}
			if (standalone) {
				try {
					return LocalNorthstar.start(store, apiKey, properties.getAddress(), properties.getPort(), true);
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidConfigurationPropertyValueException("northstar.local.address",
							properties.getAddress(), ex.getMessage());
				}
			}
			return LocalNorthstar.start(store, apiKey, "127.0.0.1", web ? 0 : properties.getPort(), !web);
		}
		catch (RuntimeException ex) {
			store.close();
			if (standalone || ex instanceof InvalidConfigurationPropertyValueException) {
				throw ex;
			}
			logger.warn("The local NorthStar could not start ({}): it stays off", rootMessage(ex));
			return null;
		}
	}

	private static boolean isWebServerContext(ConfigurableApplicationContext context) {
		try {
			return Class.forName(WEB_SERVER_CONTEXT, false, context.getClassLoader()).isInstance(context);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	private static boolean launchedFromPackagedJar() {
		for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
			if (frame.getClassName().startsWith("org.springframework.boot.loader.launch.")) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/** The viewer's path, for the log line. */
	static String viewerPath() {
		return ViewerPages.PATH;
	}

}
