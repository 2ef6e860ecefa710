package ai.northstar.mvc;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import ai.northstar.Northstar;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MvcAgentApplication}, booted as a Spring MVC application on Tomcat with the starter, sending to a
 * loopback NorthStar that validates like the backend: what a newcomer hit.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class MvcAgentApplicationTests {

	private static final String API_KEY = "ns_mvc_newcomer";

	private final LocalIngestServer server = LocalIngestServer.builder().apiKey(API_KEY).build();

	private final HttpClient http = HttpClient.newHttpClient();

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.server.close();
	}

	@Test
	void shouldKeepTheAsyncToolAndTheCommonPoolHelperInTheRequestsTraceWhenTheAppBuildsItsOwnExecutor()
			throws Exception {
		boot("northstar.api-key=" + API_KEY);
		String answer = get("/ask?q=" + URLEncoder.encode("  Météo à Zürich ☀️ ", StandardCharsets.UTF_8));

		Northstar northstar = this.context.getBean(Northstar.class);
		StoredRun run = await().atMost(Duration.ofSeconds(20)).until(() -> {
			northstar.flush(Duration.ofSeconds(5));
			return this.server.store().runs().stream().filter((stored) -> stored.endedAt() != null).findFirst()
				.orElse(null);
		}, (stored) -> stored != null
				&& this.server.store().spansOf(stored.id()).stream().allMatch((span) -> span.endedAt() != null)
				&& this.server.store().spansOf(stored.id()).size() == 3);
		assertThat(run.name()).isEqualTo("research");
		assertThat(answer).isEqualTo("météo à zürich ☀️ on " + MvcAgentApplication.TOOL_THREADS + "1 mdc=" + run.id()
				+ " | summary of   Météo à Zürich ☀️  mdc=" + run.id());

		Map<String, StoredSpan> spans = this.server.store()
			.spansOf(run.id())
			.stream()
			.collect(Collectors.toMap(StoredSpan::name, Function.identity()));
		assertThat(spans).containsOnlyKeys("search", "normalize", "summarize");
		assertThat(spans.get("search").kind()).isEqualTo("tool");
		assertThat(spans.get("search").parentSpanId()).isNull();
		assertThat(spans.get("normalize").parentSpanId()).isEqualTo(spans.get("search").id());
		assertThat(spans.get("summarize").parentSpanId()).isNull();
		assertThat(this.server.store().runs()).hasSize(1);
		assertThat(this.server.store().rejectedBatches()).isZero();
	}

	@Test
	void shouldWarnOnceAndSendNothingWhenTheKeyIsAnUnresolvedPlaceholder(CapturedOutput output) throws Exception {
		boot("northstar.api-key=${NORTHSTAR_TEST_KEY_THAT_IS_NOT_SET}");
		assertThat(get("/ask?q=Bonjour")).startsWith("bonjour on " + MvcAgentApplication.TOOL_THREADS);

		assertThat(this.context.getBean(Northstar.class).isEnabled()).isFalse();
		assertThat(output.getOut().split("unresolved placeholder", -1)).as("one warning").hasSize(2);
		assertThat(output.getOut()).contains("${NORTHSTAR_API_KEY:}");
		String health = get("/actuator/health/northstar");
		assertThat(health).contains("\"status\":\"UNKNOWN\"").contains("\"enabled\":false");
		String endpoint = get("/actuator/northstar");
		assertThat(endpoint).contains("\"active\":false", "\"apiKey\":\"${NORTHSTAR_TEST_KEY_THAT_IS_NOT_SET}\"",
				"\"endpoint\":\"" + this.server.ingestUri() + "\"");
		this.context.close();
		this.context = null;
		assertThat(this.server.requestCount()).as("nothing sent, not even with the placeholder as the key").isZero();
	}

	private void boot(String... properties) {
		List<String> all = new java.util.ArrayList<>(List.of("server.port=0",
				"northstar.endpoint=" + this.server.ingestUri(), "northstar.flush-interval=100ms",
				"management.endpoints.web.exposure.include=health,northstar",
				"management.endpoint.health.show-details=always"));
		all.addAll(List.of(properties));
		this.context = new SpringApplicationBuilder(MvcAgentApplication.class).properties(all.toArray(String[]::new))
			.run();
	}

	private String get(String path) throws IOException, InterruptedException {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		return response.body();
	}

}
