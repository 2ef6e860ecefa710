package ai.northstar.sample.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.LocalStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LocalNorthstarInitializer}.
 */
class LocalNorthstarInitializerTests {

	private static final String EMPTY_BATCH = "{\"schema_version\": 2}";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer(new LocalNorthstarInitializer());

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void shouldPointTheStarterAtALocalNorthstarWhenNoApiKeyIsSet() {
		AtomicReference<URI> endpoint = new AtomicReference<>();
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LocalStore.class).hasSingleBean(LocalIngestServer.class);
			LocalIngestServer server = context.getBean(LocalIngestServer.class);
			assertThat(server.store()).isSameAs(context.getBean(LocalStore.class));
			String apiKey = context.getEnvironment().getProperty("northstar.api-key");
			assertThat(apiKey).startsWith("ns_local_");
			endpoint.set(URI.create(context.getEnvironment().getProperty("northstar.endpoint")));
			assertThat(endpoint.get()).isEqualTo(server.ingestUri());
			assertThat(post(endpoint.get(), apiKey).statusCode()).isEqualTo(200);
			assertThat(post(endpoint.get(), "ns_someone_else").statusCode()).isEqualTo(401);
		});
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> post(endpoint.get(), "ns_any"));
	}

	@Test
	void shouldStartNothingWhenAnApiKeyIsSet() {
		this.contextRunner.withPropertyValues("northstar.api-key=ns_real", "northstar.project-id=abcdefghij")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LocalStore.class).doesNotHaveBean(LocalIngestServer.class);
				assertThat(context.getEnvironment().getProperty("northstar.endpoint")).isNull();
				assertThat(context.getEnvironment().getProperty("northstar.api-key")).isEqualTo("ns_real");
			});
	}

	@Test
	void shouldStartNothingWhenNorthstarIsDisabled() {
		this.contextRunner.withPropertyValues("northstar.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LocalStore.class));
	}

	private HttpResponse<String> post(URI endpoint, String apiKey) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(endpoint)
			.header("Authorization", "Bearer " + apiKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(EMPTY_BATCH))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
