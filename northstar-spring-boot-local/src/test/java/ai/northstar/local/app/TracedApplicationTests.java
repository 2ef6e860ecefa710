package ai.northstar.local.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import ai.northstar.Run;
import ai.northstar.local.jdbc.JdbcStore;
import ai.northstar.local.jdbc.RunQuery;
import ai.northstar.local.jdbc.RunSummary;
import ai.northstar.local.spring.LocalNorthstar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TracedApplication}, booted for real with the starter and this module only: its traces reach the
 * local NorthStar and show in the viewer on the application's port, with Spring MVC and with WebFlux, and survive a
 * restart.
 */
class TracedApplicationTests {

	private static final String QUESTION = "Wie spät ist es in 東京? ⏰";

	@TempDir
	Path directory;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void shouldShowTheTracesOfTheApplicationWhenItRunsOnSpringMvc() throws Exception {
		UUID runId;
		try (ConfigurableApplicationContext context = boot(WebApplicationType.SERVLET)) {
			runId = askAndAwait(context, QUESTION);
			int port = port(context);
			HttpResponse<String> list = get(port, "/northstar");
			assertThat(list.statusCode()).isEqualTo(200);
			assertThat(list.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).contains("text/html"));
			assertThat(list.body()).contains("data-run-id=\"" + runId + "\"").contains("research-agent").contains(QUESTION);
			HttpResponse<String> run = get(port, "/northstar/runs/" + runId);
			assertThat(run.body()).contains("data-kind=\"model\"").contains("data-kind=\"tool\"")
				.contains("Je cherche « " + QUESTION + " » 🔎").contains("data-role=\"system\"")
				.contains("score-row");
			HttpResponse<String> batch = get(port, "/northstar/runs/" + runId + "/batch.json");
			assertThat(batch.headers().firstValue("Content-Disposition")).hasValueSatisfying(
					(disposition) -> assertThat(disposition).contains("attachment"));
			Run replayed = Run.fromJson(batch.body(), runId);
			assertThat(replayed.name()).isEqualTo("research-agent");
			assertThat(get(port, "/northstar/overview").body()).contains("chart-runs").contains("gpt-4o");
			UUID sessionId = context.getBean(LocalNorthstar.class).store().queries().run(runId).orElseThrow().run().sessionId();
			assertThat(get(port, "/northstar/sessions/" + sessionId).body()).contains("session-title")
				.contains("data-run-id=\"" + runId + "\"");
			assertThat(get(port, "/northstar/runs/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
		}
		try (ConfigurableApplicationContext restarted = boot(WebApplicationType.SERVLET)) {
			assertThat(get(port(restarted), "/northstar/runs/" + runId).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void shouldShowTheTracesOfTheApplicationWhenItRunsOnWebFlux() throws Exception {
		try (ConfigurableApplicationContext context = boot(WebApplicationType.REACTIVE)) {
			UUID runId = askAndAwait(context, "fail " + QUESTION);
			HttpResponse<String> run = get(port(context), "/northstar/runs/" + runId);
			assertThat(run.statusCode()).isEqualTo(200);
			assertThat(run.body()).contains("status-error").contains("Keine Antwort für fail " + QUESTION);
			HttpResponse<String> errors = get(port(context), "/northstar?status=error&q=" + java.net.URLEncoder
				.encode("東京", java.nio.charset.StandardCharsets.UTF_8));
			assertThat(errors.body()).contains("data-run-id=\"" + runId + "\"");
		}
	}

	private UUID askAndAwait(ConfigurableApplicationContext context, String question) {
		TracedApplication.Agent agent = context.getBean(TracedApplication.Agent.class);
		try {
			agent.ask(question);
		}
		catch (IllegalStateException ex) {
			assertThat(ex).hasMessageContaining("Keine Antwort");
		}
		JdbcStore store = context.getBean(LocalNorthstar.class).store();
		return await().atMost(Duration.ofSeconds(20)).until(() -> {
			List<RunSummary> runs = store.queries().runs(RunQuery.DEFAULT).runs();
			return runs.stream()
				.filter((run) -> question.equals(run.input()) && !"running".equals(run.status()))
				.map(RunSummary::id)
				.findFirst()
				.orElse(null);
		}, (id) -> id != null);
	}

	private ConfigurableApplicationContext boot(WebApplicationType type) {
		SpringApplication application = new SpringApplication(TracedApplication.class);
		application.setWebApplicationType(type);
		return application.run("--server.port=0", "--northstar.local.directory=" + this.directory,
				"--northstar.flush-interval=100ms", "--spring.main.banner-mode=off");
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void shouldNotStartWhenAnApiKeyIsConfigured() {
		SpringApplication application = new SpringApplication(TracedApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--northstar.api-key=ns_real",
				"--northstar.endpoint=http://127.0.0.1:9/functions/v1/ingest-traces", "--spring.main.banner-mode=off",
				"--northstar.local.directory=" + this.directory)) {
			assertThat(context.getBeanProvider(LocalNorthstar.class).getIfAvailable()).isNull();
			assertThat(context.getEnvironment().getProperty("northstar.api-key")).isEqualTo("ns_real");
		}
	}

}
