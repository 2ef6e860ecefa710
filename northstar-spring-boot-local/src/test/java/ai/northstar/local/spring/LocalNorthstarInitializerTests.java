package ai.northstar.local.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import ai.northstar.local.jdbc.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalNorthstarInitializer}.
 */
class LocalNorthstarInitializerTests {

	private static final String EMPTY_BATCH = "{\"schema_version\": 2}";

	@TempDir
	Path directory;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withInitializer(new LocalNorthstarInitializer())
			.withPropertyValues("northstar.local.directory=" + this.directory, "northstar.local.port=0");
	}

	@Test
	void shouldStartBeforeAnyBeanAndPointTheStarterAtItWhenNoApiKeyIsSet() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(LocalNorthstar.class).hasSingleBean(JdbcStore.class);
			LocalNorthstar local = context.getBean(LocalNorthstar.class);
			String apiKey = context.getEnvironment().getProperty("northstar.api-key");
			assertThat(apiKey).startsWith("ns_local_").isEqualTo(local.apiKey());
			URI endpoint = URI.create(context.getEnvironment().getProperty("northstar.endpoint"));
			assertThat(endpoint).isEqualTo(local.ingestUri());
			assertThat(endpoint.getPath()).isEqualTo("/functions/v1/ingest-traces");
			assertThat(post(endpoint, apiKey).statusCode()).isEqualTo(200);
			assertThat(post(endpoint, "ns_someone_else").statusCode()).isEqualTo(401);
			assertThat(local.viewerUri()).as("no web server: the viewer is on the local server").isNotNull();
			HttpResponse<String> viewer = this.http.send(HttpRequest.newBuilder(local.viewerUri()).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(viewer.statusCode()).isEqualTo(200);
			assertThat(viewer.body()).contains("<h1>Runs");
			assertThat(Files.exists(this.directory.resolve("northstar.mv.db"))).isTrue();
		});
	}

	@Test
	void shouldShareTheDatabaseFileWhenTwoContextsOfOneJvmUseTheSameDirectory() {
		runner().run((first) -> runner().run((second) -> {
			LocalNorthstar one = first.getBean(LocalNorthstar.class);
			LocalNorthstar two = second.getBean(LocalNorthstar.class);
			assertThat(one.port()).isNotEqualTo(two.port());
			String batch = "{\"schema_version\": 2, \"sessions\": [{\"id\": \"" + java.util.UUID.randomUUID()
					+ "\", \"created_at\": \"2025-06-01T10:00:00Z\"}]}";
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(one.ingestUri())
				.header("Authorization", "Bearer " + one.apiKey())
				.POST(HttpRequest.BodyPublishers.ofString(batch))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(two.store().counts().sessions()).isEqualTo(1);
		}));
	}

	@Test
	void shouldStayOffWhenAnApiKeyIsSet() {
		runner().withPropertyValues("northstar.api-key=ns_real", "northstar.project-id=abcdefghij").run((context) -> {
			assertThat(context).doesNotHaveBean(LocalNorthstar.class);
			assertThat(context.getEnvironment().getProperty("northstar.endpoint")).isNull();
			assertThat(context.getEnvironment().getProperty("northstar.api-key")).isEqualTo("ns_real");
		});
	}

	@Test
	void shouldStartAndTakeOverWhenEnabledExplicitlyDespiteAnApiKey() {
		runner().withPropertyValues("northstar.api-key=ns_real", "northstar.local.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(LocalNorthstar.class);
			assertThat(context.getEnvironment().getProperty("northstar.api-key")).startsWith("ns_local_");
		});
	}

	@Test
	void shouldStayOffWhenDisabled() {
		runner().withPropertyValues("northstar.local.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LocalNorthstar.class));
		runner().withPropertyValues("northstar.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LocalNorthstar.class));
	}

	@Test
	void shouldFailStartupNamingThePropertyWhenASettingIsInvalid() throws Exception {
		runner().withPropertyValues("northstar.local.max-runs=0").run((context) -> assertThat(context).getFailure()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("northstar.local.max-runs"));
		runner().withPropertyValues("northstar.local.datasource.url=jdbc:mysql://db/northstar")
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("northstar.local.datasource.url"));
		runner().withPropertyValues("northstar.local.prompts=" + this.directory.resolve("missing"))
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("northstar.local.prompts"));
		Path broken = Files.writeString(this.directory.resolve("broken.json"), "{\"name\": \"p\"}");
		runner().withPropertyValues("northstar.local.prompts=" + broken)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("northstar.local.prompts")
				.hasMessageContaining("needs a non-empty array 'versions'"));
	}

	@Test
	void shouldStayOffWithoutFailingTheApplicationWhenTheStoreCannotBeOpened() throws Exception {
		Path notADirectory = Files.writeString(this.directory.resolve("file"), "x");
		new ApplicationContextRunner().withInitializer(new LocalNorthstarInitializer())
			.withPropertyValues("northstar.local.directory=" + notADirectory)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(LocalNorthstar.class);
				assertThat(context.getEnvironment().getProperty("northstar.endpoint")).isNull();
			});
	}

	@Test
	void shouldCloseItsServerAndStoreWhenTheContextCloses() {
		URI[] endpoint = new URI[1];
		runner().run((context) -> endpoint[0] = context.getBean(LocalNorthstar.class).ingestUri());
		assertThat(endpoint[0]).isNotNull();
		org.assertj.core.api.Assertions.assertThatExceptionOfType(java.net.ConnectException.class)
			.isThrownBy(() -> post(endpoint[0], "ns_any"));
	}

	private HttpResponse<String> post(URI endpoint, String apiKey) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(endpoint)
			.header("Authorization", "Bearer " + apiKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(EMPTY_BATCH))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
