package ai.northstar.local.server;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;

/**
 * The standalone local NorthStar, {@code java -jar northstar-local-server.jar}: a small self-hosted NorthStar that
 * any SDK can send to with an endpoint and a key. It serves the ingest endpoint
 * ({@code /functions/v1/ingest-traces}), the prompt resolve endpoint ({@code /functions/v1/prompts/resolve}) and the
 * viewer ({@code /northstar}) on {@code northstar.local.port} ({@value
 * ai.northstar.autoconfigure.local.LocalNorthstarProperties#DEFAULT_PORT}) of {@code northstar.local.address}
 * ({@code 0.0.0.0}), with the API key {@code northstar.local.api-key} (generated and printed when unset), storing
 * into the H2 file of {@code northstar.local.directory} or the database of {@code northstar.local.datasource.url}.
 *
 * @since 0.1.0
 */
@SpringBootConfiguration(proxyBeanMethods = false)
public class LocalNorthstarServer {

	/**
	 * Runs the server until the process is stopped.
	 * @param args Spring Boot arguments, such as {@code --northstar.local.port=9000}
	 */
	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * Returns the application the jar runs, for tests that boot it in-process.
	 * @return the application
	 */
	public static SpringApplication application() {
		SpringApplication application = new SpringApplication(LocalNorthstarServer.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("northstar.local.standalone", "true", "spring.main.banner-mode", "off"));
		return application;
	}

}
