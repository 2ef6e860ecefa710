package ai.northstar.starter;

import java.util.List;

import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.JdkHttpIngestTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NewcomerApplication}, that is for the starter's dependencies: an application with nothing but the starter and two properties traces its
 * first annotated method, as the README shows.
 */
@Timeout(30)
class NewcomerApplicationTests {

	private final LocalIngestServer server = LocalIngestServer.builder().apiKey("ns_newcomer").build();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void shouldTraceAnAnnotatedMethodWhenOnlyTheStarterAndTwoPropertiesAreSet() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(NewcomerApplication.class)
			.web(WebApplicationType.NONE)
			.properties("northstar.api-key=ns_newcomer", "northstar.endpoint=" + this.server.ingestUri())
			.run();
		assertThat(context.getBean(IngestTransport.class)).isInstanceOf(JdkHttpIngestTransport.class);
		assertThat(context.getBean(NewcomerApplication.WeatherAgent.class).forecast("Paris")).isEqualTo("Sunny in Paris");
		SpringApplication.exit(context);
		List<StoredRun> runs = this.server.store().runs();
		assertThat(runs).singleElement().satisfies((run) -> {
			assertThat(run.name()).isEqualTo("forecast");
			assertThat(run.status()).isEqualTo("ok");
		});
		assertThat(this.server.store().eventsOf(runs.get(0).id())).extracting(StoredEvent::type)
			.containsExactlyInAnyOrder("user_input", "final_response");
		assertThat(this.server.store().sessions()).singleElement().satisfies((session) -> assertThat(session.endedAt())
			.isNotNull());
	}

}
