package ai.northstar.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static ai.northstar.local.TestBatches.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalIngestServer}'s prompt resolve endpoint, answering like the backend's {@code prompts}
 * function.
 */
@Timeout(20)
class LocalIngestServerPromptsTests {

	private static final String KEY = "ns_prompt_key";

	private static final String CONTENT = "Antworte auf {{ question }} — 日本語で 🙂";

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final LocalIngestServer server = LocalIngestServer.builder()
		.apiKey(KEY)
		.prompt(PromptDefinition.builder("Support answer", "v1 {{ question }}").labels("staging").build())
		.prompt(PromptDefinition.builder("Support answer", CONTENT)
			.version(2)
			.labels("prod")
			.model("gpt-4o")
			.temperature(0.2)
			.maxTokens(512)
			.build())
		.build();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void shouldAnswerProdVersionInTheBackendShapeWhenLabelIsMissing() throws Exception {
		HttpResponse<String> response = resolve("{\"name\": \"support-answer\", \"slug\": \"support-answer\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
		JsonNode version = MAPPER.readTree(response.body()).get("prompt_version");
		PromptVersion expected = this.server.store().prompts().resolve("support-answer", "prod", null).orElseThrow();
		assertThat(version.propertyNames()).containsExactly("id", "prompt_id", "version_number", "content", "model",
				"temperature", "max_tokens", "variables", "content_hash");
		assertThat(version.get("id").stringValue()).isEqualTo(expected.id().toString());
		assertThat(version.get("prompt_id").stringValue()).isEqualTo(expected.promptId().toString());
		assertThat(version.get("version_number").intValue()).isEqualTo(2);
		assertThat(version.get("content").stringValue()).isEqualTo(CONTENT);
		assertThat(version.get("model").stringValue()).isEqualTo("gpt-4o");
		assertThat(version.get("temperature").doubleValue()).isEqualTo(0.2);
		assertThat(version.get("max_tokens").intValue()).isEqualTo(512);
		assertThat(version.get("variables").toString()).isEqualTo("[\"question\"]");
		assertThat(version.get("content_hash").stringValue()).isEqualTo(PromptVersion.contentHash(CONTENT));
	}

	@Test
	void shouldAnswerTheSameAtTheSelfHostedPathAndByName() throws Exception {
		HttpResponse<String> byPath = send(
				request("/api/prompts/resolve", "{\"name\": \"SUPPORT ANSWER\", \"label\": \"staging\"}").build());
		assertThat(byPath.statusCode()).isEqualTo(200);
		assertThat(MAPPER.readTree(byPath.body()).at("/prompt_version/version_number").intValue()).isEqualTo(1);
	}

	@Test
	void shouldAnswerExactVersionWhenVersionIsAnInteger() throws Exception {
		HttpResponse<String> response = resolve("{\"slug\": \"support-answer\", \"label\": \"prod\", \"version\": 1}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(MAPPER.readTree(response.body()).at("/prompt_version/content").stringValue())
			.isEqualTo("v1 {{ question }}");
		assertThat(resolve("{\"slug\": \"support-answer\", \"version\": 2.0}").statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "null", "\"1\"", "1.5", "true", "[1]" })
	void shouldAnswer400WhenVersionIsNotAnInteger(String version) throws Exception {
		HttpResponse<String> response = resolve("{\"slug\": \"support-answer\", \"version\": " + version + "}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"version must be an integer\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"slug\": \"  \"}", "{\"slug\": 7, \"name\": \"\"}", "{\"label\": \"prod\"}" })
	void shouldAnswer400WhenSlugIsMissingOrBlank(String body) throws Exception {
		HttpResponse<String> response = resolve(body);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"slug is required\"}");
	}

	@Test
	void shouldAnswer400WhenBodyIsNotAJsonObject() throws Exception {
		assertThat(resolve("{").body()).isEqualTo("{\"error\":\"Invalid JSON body\"}");
		assertThat(resolve("").body()).isEqualTo("{\"error\":\"Invalid JSON body\"}");
		HttpResponse<String> array = resolve("[\"support-answer\"]");
		assertThat(array.statusCode()).isEqualTo(400);
		assertThat(array.body()).isEqualTo("{\"error\":\"JSON body must be an object\"}");
	}

	@Test
	void shouldAnswer404WhenNothingResolves() throws Exception {
		for (String body : List.of("{\"slug\": \"unknown\"}", "{\"slug\": \"support-answer\", \"label\": \"canary\"}",
				"{\"slug\": \"support-answer\", \"version\": 9}")) {
			HttpResponse<String> response = resolve(body);
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.body()).isEqualTo("{\"error\":\"Prompt not found\"}");
		}
	}

	@Test
	void shouldAnswer401WhenKeyIsMissingOrWrong() throws Exception {
		HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/functions/v1/prompts/resolve"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"slug\": \"support-answer\"}"))
			.build());
		assertThat(missing.statusCode()).isEqualTo(401);
		HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/functions/v1/prompts/resolve"))
			.header("Authorization", "Bearer ns_other")
			.POST(HttpRequest.BodyPublishers.ofString("{\"slug\": \"support-answer\"}"))
			.build());
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.body()).isEqualTo("{\"error\":\"Invalid or revoked API key\"}");
	}

	@Test
	void shouldAnswerMethodAndPathErrorsInTheBackendOrder() throws Exception {
		HttpResponse<String> options = send(HttpRequest.newBuilder(uri("/functions/v1/prompts/resolve"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(options.statusCode()).isEqualTo(204);
		assertThat(options.headers().firstValue("Access-Control-Allow-Methods")).contains("POST, OPTIONS");
		HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/functions/v1/prompts/resolve")).GET().build());
		assertThat(get.statusCode()).isEqualTo(405);
		HttpResponse<String> otherPath = send(request("/functions/v1/prompts/list", "{}").build());
		assertThat(otherPath.statusCode()).isEqualTo(404);
		assertThat(otherPath.body()).isEqualTo("{\"error\":\"Not found\"}");
	}

	@Test
	void shouldAcceptPromptLinkToResolvedVersionAndRefuseUnknownOne() throws Exception {
		TestBatches.Full full = TestBatches.full();
		PromptVersion version = this.server.store().prompts().resolve("support-answer", "prod", null).orElseThrow();
		((tools.jackson.databind.node.ObjectNode) full.batch().get("prompt_links").get(0))
			.put("prompt_version_id", version.id().toString());
		HttpResponse<String> accepted = send(request(LocalIngestServer.INGEST_PATH, full.batch().toString()).build());
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(this.server.store().promptLinks()).singleElement()
			.satisfies((link) -> assertThat(link.promptVersionId()).isEqualTo(version.id()));
		TestBatches.Full unknown = TestBatches.full();
		HttpResponse<String> refused = send(
				request(LocalIngestServer.INGEST_PATH, unknown.batch().toString()).build());
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).isEqualTo("{\"error\":\"Payload contains invalid project references\"}");
		assertThat(this.server.store().run(unknown.runId())).isEmpty();
	}

	private HttpResponse<String> resolve(String body) throws Exception {
		return send(request("/functions/v1/prompts/resolve", body).build());
	}

	private HttpRequest.Builder request(String path, String body) {
		return HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private URI uri(String path) {
		return this.server.baseUri().resolve(path);
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
