package ai.northstar.starter;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link NewcomerApplication} run as a program that traces one call and ends with {@code System.exit}, leaving its
 * context to Spring Boot's shutdown hook, as a service stopped by {@code SIGTERM} does. Run by
 * {@link ExitLoggingTests} in a JVM of its own; its arguments are the application's.
 */
public final class ExitingApplication {

	private ExitingApplication() {
	}

	public static void main(String[] args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(NewcomerApplication.class)
			.web(WebApplicationType.NONE)
			.run(args);
		context.getBean(NewcomerApplication.WeatherAgent.class).forecast("Zürich");
		System.exit(0);
	}

}
