package ai.northstar.prompt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import ai.northstar.Northstar;
import ai.northstar.NorthstarException;
import ai.northstar.local.Fault;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.PromptVersion;
import ai.northstar.local.RecordedRequest;
import ai.northstar.unicode.HostileText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Prompts}, against the local NorthStar: labels and versions, the cache and its refresh, failures,
 * fallback files.
 */
class PromptsTests {

	private static final String OFFLINE_TEMPLATE = "Tu es un assistant hors ligne. Réponds à {{ question }} brièvement 😀\n";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PromptTestSupport.Ticker ticker = new PromptTestSupport.Ticker();

	private LocalIngestServer server;

	private Northstar client;

	private Prompts prompts;

	private PromptVersion v1;

	private PromptVersion v2;

	@BeforeEach
	void start() {
		this.server = LocalIngestServer.builder().apiKey(PromptTestSupport.API_KEY).build();
		this.v1 = this.server.store().prompts().define("support-answer", 1, List.of("staging"),
				"Answer {question}.", null, null, null, List.of("question"));
		this.v2 = this.server.store().prompts().define("support-answer", 2, List.of("prod"),
				"Réponds à {{ question }} poliment 🙂", "gpt-4o", 0.2, 512, List.of("question"));
		this.client = PromptTestSupport.clientBuilder(this.server).build();
		this.prompts = PromptTestSupport.prompts(this.client, this.server, this.ticker).build();
	}

	@AfterEach
	void stop() {
		this.prompts.close();
		this.client.close();
		this.server.close();
	}

	@Test
	void shouldPullTheProdVersionWithItsSettingsWhenNoLabelIsGiven() {
		Prompt prompt = this.prompts.get("support-answer");
		assertThat(prompt.versionId()).isEqualTo(this.v2.id());
		assertThat(prompt.promptId()).isEqualTo(this.v2.promptId());
		assertThat(prompt.version()).isEqualTo(2);
		assertThat(prompt.content()).isEqualTo("Réponds à {{ question }} poliment 🙂");
		assertThat(prompt.model()).isEqualTo("gpt-4o");
		assertThat(prompt.temperature()).isEqualTo(0.2);
		assertThat(prompt.maxTokens()).isEqualTo(512);
		assertThat(prompt.variables()).containsExactly("question");
		assertThat(prompt.contentHash()).isEqualTo(this.v2.contentHash()).isEqualTo(Prompt.contentHash(prompt.content()));
		assertThat(prompt.isFallback()).isFalse();
		assertThat(prompt.name()).isEqualTo("support-answer");
		RecordedRequest request = PromptTestSupport.resolveRequests(this.server).get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/functions/v1/prompts/resolve");
		assertThat(request.authorization()).isEqualTo("Bearer " + PromptTestSupport.API_KEY);
		assertThat(request.contentType()).isEqualTo("application/json");
		assertThat(body(request)).isEqualTo(
				JSON.readTree("{\"name\": \"support-answer\", \"slug\": \"support-answer\", \"label\": \"prod\"}"));
	}

	@Test
	void shouldPullTheVersionTheLabelPointsAtWhenALabelIsGiven() {
		Prompt prompt = this.prompts.get("support-answer", "staging");
		assertThat(prompt.versionId()).isEqualTo(this.v1.id());
		assertThat(prompt.version()).isEqualTo(1);
		assertThat(prompt.model()).isNull();
		assertThat(prompt.temperature()).isNull();
		assertThat(prompt.maxTokens()).isNull();
		assertThat(body(PromptTestSupport.resolveRequests(this.server).get(0)).get("label").asString())
			.isEqualTo("staging");
	}

	@Test
	void shouldPullAnExactVersionWithAnIntegerVersionWhenAVersionIsGiven() {
		Prompt prompt = this.prompts.get("support-answer", 1);
		assertThat(prompt.versionId()).isEqualTo(this.v1.id());
		assertThat(prompt.content()).isEqualTo("Answer {question}.");
		JsonNode version = body(PromptTestSupport.resolveRequests(this.server).get(0)).get("version");
		assertThat(version.isInt()).isTrue();
		assertThat(version.intValue()).isEqualTo(1);
	}

	@Test
	void shouldThrowA404NamingThePromptAndTheLabelWhenNorthstarDoesNotKnowIt() {
		// A fallback file exists for this name: an unknown prompt is an error all the same.
		assertThatExceptionOfType(NorthstarException.class).isThrownBy(() -> this.prompts.get("offline-answer"))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(404);
				assertThat(ex.serverError()).isEqualTo("Prompt not found");
				assertThat(ex.getMessage()).contains("'offline-answer'", "label 'prod'");
			});
		assertThatExceptionOfType(NorthstarException.class)
			.isThrownBy(() -> this.prompts.get("support-answer", "canary"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("'support-answer'", "label 'canary'"));
		assertThatExceptionOfType(NorthstarException.class).isThrownBy(() -> this.prompts.get("support-answer", 9))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(404);
				assertThat(ex.getMessage()).contains("'support-answer' version 9");
			});
		assertThat(this.prompts.cachedCount()).isZero();
	}

	@Test
	void shouldThrowWithTheStatusWhenNorthstarRefusesTheKey() {
		this.server.setApiKeys(List.of("ns_other"));
		assertThatExceptionOfType(NorthstarException.class).isThrownBy(() -> this.prompts.get("support-answer"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
	}

	@Test
	void shouldServeFromTheCacheWhenAskedAgainWithinTheTtl() {
		Prompt first = this.prompts.get("support-answer");
		this.ticker.advance(Prompts.DEFAULT_CACHE_TTL.minusSeconds(1));
		assertThat(this.prompts.get("support-answer")).isSameAs(first);
		assertThat(PromptTestSupport.resolveRequests(this.server)).hasSize(1);
	}

	@Test
	void shouldServeTheCachedVersionAtOnceAndRefreshItOnceInTheBackgroundWhenTheTtlPassed() {
		assertThat(this.prompts.get("support-answer").version()).isEqualTo(2);
		PromptVersion v3 = this.server.store().prompts().define("support-answer", 3, List.of("prod"),
				"Version trois : {{ question }}", null, null, null, List.of("question"));
		assertThat(this.prompts.get("support-answer").version()).isEqualTo(2);
		this.ticker.advance(Prompts.DEFAULT_CACHE_TTL);
		this.server.setSlowResponses(Duration.ofMillis(200));
		// Served from the cache while the refresh waits for the slow answer.
		assertThat(this.prompts.get("support-answer").version()).isEqualTo(2);
		assertThat(this.prompts.get("support-answer").version()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.prompts.get("support-answer").versionId()).isEqualTo(v3.id()));
		assertThat(PromptTestSupport.resolveRequests(this.server)).hasSize(2);
	}

	@Test
	void shouldNeverAskAgainForAnExactVersionWhenTimePasses() {
		Prompt first = this.prompts.get("support-answer", 2);
		this.ticker.advance(Duration.ofDays(30));
		assertThat(this.prompts.get("support-answer", 2)).isSameAs(first);
		assertThat(PromptTestSupport.resolveRequests(this.server)).hasSize(1);
	}

	static Stream<Arguments> transientFailures() {
		return Stream.of(Arguments.of("503", Fault.status(503)), Arguments.of("500", Fault.status(500)),
				Arguments.of("502", Fault.status(502)), Arguments.of("429", Fault.status429(1)),
				Arguments.of("408", Fault.status(408)), Arguments.of("dropped connection", Fault.dropConnection()),
				Arguments.of("200 without a prompt", Fault.status(200, "{\"accepted\": true}")),
				Arguments.of("200 not JSON", Fault.status(200, "<html>ok</html>")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("transientFailures")
	void shouldServeTheLastGoodResultWithOneWarningWhileNorthstarFails(String name, Fault fault) {
		Prompt good = this.prompts.get("support-answer");
		try (PromptTestSupport.Logs logs = new PromptTestSupport.Logs(Prompts.class)) {
			for (int refresh = 1; refresh <= 3; refresh++) {
				this.server.enqueueFault(fault);
				this.ticker.advance(Prompts.DEFAULT_CACHE_TTL);
				assertThat(this.prompts.get("support-answer")).isSameAs(good);
				awaitRequests(refresh + 1);
				assertThat(warnings(logs)).hasSize(1);
				// Not asked again before another TTL has passed.
				assertThat(this.prompts.get("support-answer")).isSameAs(good);
			}
			assertThat(warnings(logs)).singleElement()
				.asString()
				.contains("'support-answer' (label 'prod')", "serving the cached version 2");
			assertThat(PromptTestSupport.resolveRequests(this.server)).hasSize(4);
		}
	}

	@Test
	void shouldWarnAgainWhenNorthstarFailsAfterItAnsweredOnce() {
		this.prompts.get("support-answer");
		try (PromptTestSupport.Logs logs = new PromptTestSupport.Logs(Prompts.class)) {
			this.server.enqueueFault(Fault.status(503));
			refreshAndAwait(2);
			assertThat(warnings(logs)).hasSize(1);
			refreshAndAwait(3);
			this.server.enqueueFault(Fault.status(503));
			refreshAndAwait(4);
			assertThat(warnings(logs)).hasSize(2);
		}
	}

	@Test
	void shouldDropACachedResultWhenARefreshFindsNorthstarNoLongerKnowsIt() {
		this.prompts.get("support-answer");
		// The label was removed: the refresh and the next request are answered 404.
		this.server.enqueueFault(Fault.status(404, "{\"error\": \"Prompt not found\"}"));
		this.server.enqueueFault(Fault.status(404, "{\"error\": \"Prompt not found\"}"));
		refreshAndAwait(2);
		assertThat(this.prompts.cachedCount()).isZero();
		assertThatExceptionOfType(NorthstarException.class).isThrownBy(() -> this.prompts.get("support-answer"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(404));
	}

	@Test
	void shouldServeTheFallbackFileOnceWarnedWhenNorthstarIsUnavailableAndNothingIsCached() {
		this.server.setUnavailable(true);
		try (PromptTestSupport.Logs logs = new PromptTestSupport.Logs(Prompts.class)) {
			Prompt fallback = this.prompts.get("offline-answer");
			assertThat(fallback.isFallback()).isTrue();
			assertThat(fallback.content()).isEqualTo(OFFLINE_TEMPLATE);
			assertThat(fallback.versionId()).isNull();
			assertThat(fallback.promptId()).isNull();
			assertThat(fallback.version()).isZero();
			assertThat(fallback.model()).isNull();
			assertThat(fallback.variables()).containsExactly("question");
			assertThat(fallback.contentHash()).isEqualTo(PromptVersion.contentHash(OFFLINE_TEMPLATE));
			assertThat(this.prompts.get("offline-answer")).isSameAs(fallback);
			assertThat(PromptTestSupport.resolveRequests(this.server)).hasSize(1);
			assertThat(warnings(logs)).singleElement()
				.asString()
				.contains("'offline-answer' (label 'prod')", "503", "offline-answer.txt",
						Prompts.DEFAULT_FALLBACK_LOCATION);
			// Once NorthStar answers, a refresh replaces the fallback with the real prompt.
			PromptVersion real = this.server.store().prompts().define("offline-answer", 1, List.of("prod"),
					"En ligne : {{ question }}", null, null, null, List.of("question"));
			this.server.setUnavailable(false);
			this.ticker.advance(Prompts.DEFAULT_CACHE_TTL);
			assertThat(this.prompts.get("offline-answer")).isSameAs(fallback);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.prompts.get("offline-answer").versionId()).isEqualTo(real.id()));
			assertThat(warnings(logs)).hasSize(1);
		}
	}

	@Test
	void shouldThrowNamingTheMissingFallbackWhenNorthstarIsUnavailableAndNothingIsCached() {
		this.server.setUnavailable(true);
		assertThatExceptionOfType(NorthstarException.class).isThrownBy(() -> this.prompts.get("support-answer"))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(503);
				assertThat(ex.getMessage()).contains("'support-answer' (label 'prod')", "support-answer.txt",
						Prompts.DEFAULT_FALLBACK_LOCATION);
			});
	}

	@Test
	void shouldReadFallbackFilesNamedInAnyScriptFromAFolderWhenTheLocationIsAPath(@TempDir Path folder)
			throws Exception {
		String name = "réponse-支持-回答-ответ-😀";
		String template = "Répondez à {question} — 質問 👍🏽\r\nمرحبا";
		Files.writeString(folder.resolve(name + ".txt"), template, StandardCharsets.UTF_8);
		LocalIngestServer down = LocalIngestServer.create();
		URI unreachable = down.ingestUri();
		down.close();
		try (Northstar offline = Northstar.builder().apiKey("ns_test").endpoint(unreachable).build()) {
			for (String location : List.of(folder.toString(), folder.toUri().toString(), "file:" + folder)) {
				try (Prompts fromFolder = Prompts.builder(offline)
					.fallbackLocation(location)
					.transport(() -> ai.northstar.transport.JdkHttpIngestTransport.builder()
						.endpoint(Prompts.resolveUri(unreachable))
						.apiKey("ns_test")
						.build())
					.build()) {
					Prompt prompt = fromFolder.get(name);
					assertThat(prompt.isFallback()).isTrue();
					assertThat(prompt.content()).isEqualTo(template);
					assertThat(prompt.compile(java.util.Map.of("question", "¿Dónde? 🤔")).text())
						.isEqualTo("Répondez à ¿Dónde? 🤔 — 質問 👍🏽\r\nمرحبا");
					assertThat(fromFolder.fallbackLocation()).isEqualTo(location);
				}
			}
		}
	}

	@Test
	void shouldNotLookOutsideTheFolderWhenTheNameIsAPath(@TempDir Path parent) throws Exception {
		Path folder = Files.createDirectory(parent.resolve("prompts"));
		Files.writeString(parent.resolve("secret.txt"), "the secret");
		Files.writeString(folder.resolve("inside.txt"), "inside");
		this.server.setUnavailable(true);
		try (Prompts fromFolder = PromptTestSupport.prompts(this.client, this.server, this.ticker)
			.fallbackLocation(folder.toString())
			.build()) {
			assertThat(fromFolder.get("inside").content()).isEqualTo("inside");
			for (String name : List.of("../secret", "..", "sub\\..\\..\\secret", "a\u0000b")) {
				assertThatExceptionOfType(NorthstarException.class).isThrownBy(() -> fromFolder.get(name));
			}
		}
	}

	@Test
	@Timeout(30)
	void shouldGiveUpAfterTheRequestTimeoutAndServeTheFallbackWhenNorthstarHangs() {
		this.server.enqueueFault(Fault.hang());
		try (Prompts impatient = PromptTestSupport.prompts(this.client, this.server, this.ticker)
			.requestTimeout(Duration.ofMillis(300))
			.build()) {
			Prompt prompt = impatient.get("offline-answer");
			assertThat(prompt.isFallback()).isTrue();
		}
	}

	@Test
	void shouldAskNothingAndServeOnlyFallbacksWhenTheClientIsDisabled() {
		try (Northstar disabled = Northstar.noop()) {
			Prompts offline = disabled.prompts();
			assertThat(offline.get("offline-answer").isFallback()).isTrue();
			assertThat(offline.get("offline-answer", 4).content()).isEqualTo(OFFLINE_TEMPLATE);
			assertThatExceptionOfType(NorthstarException.class).isThrownBy(() -> offline.get("support-answer"))
				.satisfies((ex) -> {
					assertThat(ex.status()).isZero();
					assertThat(ex.getMessage()).contains("disabled", "support-answer.txt");
				});
		}
	}

	@Test
	void shouldResolveAPromptNamedInAnyScriptWithAnyStorableContent() {
		HostileText hostile = new HostileText(14);
		for (int i = 0; i < 20; i++) {
			String name = "prompt " + i + " " + HostileText.expected(hostile.next(24)).strip() + " 😀 é 中";
			String content = HostileText.expected(hostile.next(400)) + " {{ question }}";
			PromptVersion defined = this.server.store().prompts().define(name, 1, List.of("prod"), content, null, null,
					null, List.of("question"));
			Prompt prompt = this.prompts.get(name);
			assertThat(prompt.versionId()).isEqualTo(defined.id());
			assertThat(prompt.content()).isEqualTo(content);
			assertThat(prompt.contentHash()).isEqualTo(defined.contentHash());
		}
	}

	@Test
	void shouldResolveTheLongestTemplateExactlyWhenItHoldsEveryScript() {
		HostileText hostile = new HostileText(65_536);
		StringBuilder content = new StringBuilder("{{ question }} ");
		while (content.length() < 65_000) {
			content.append(HostileText.expected(hostile.next(500)));
		}
		int end = Character.isHighSurrogate(content.charAt(64_999)) ? 64_999 : 65_000;
		String template = content.substring(0, end) + " 😀";
		PromptVersion defined = this.server.store().prompts().define("long-template", 1, List.of("prod"), template,
				null, null, null, List.of("question"));
		Prompt prompt = this.prompts.get("long-template");
		assertThat(prompt.content()).isEqualTo(template);
		assertThat(prompt.contentHash()).isEqualTo(defined.contentHash());
	}

	@Test
	void shouldServeNoFallbackAndSayWhyWhenTheFileIsLongerThanATemplate(@TempDir Path folder) throws Exception {
		Files.writeString(folder.resolve("too-long.txt"), "x".repeat(FallbackPrompts.MAX_CONTENT_LENGTH + 1));
		this.server.setUnavailable(true);
		try (PromptTestSupport.Logs logs = new PromptTestSupport.Logs(Prompts.class);
				Prompts fromFolder = PromptTestSupport.prompts(this.client, this.server, this.ticker)
					.fallbackLocation(folder.toString())
					.build()) {
			assertThatExceptionOfType(NorthstarException.class).isThrownBy(() -> fromFolder.get("too-long"));
			assertThat(warnings(logs)).singleElement()
				.asString()
				.contains("too-long.txt", "longer than 65536 characters");
		}
	}

	@Test
	void shouldKeepAtMostTheMaximumNumberOfPromptsWhenManyArePulled() {
		try (Prompts small = PromptTestSupport.prompts(this.client, this.server, this.ticker)
			.maxCachedPrompts(2)
			.build()) {
			small.get("support-answer", 1);
			small.get("support-answer", 2);
			small.get("support-answer", "staging");
			assertThat(small.cachedCount()).isEqualTo(2);
			small.get("support-answer", 1);
			assertThat(PromptTestSupport.resolveRequests(this.server)).hasSize(4);
		}
	}

	@Test
	void shouldAskTheApiPathWhenTheEndpointIsSelfHosted() {
		try (Northstar selfHosted = Northstar.builder().apiKey("ns_test").endpoint(this.server.baseUri()).build()) {
			Prompt prompt = selfHosted.prompts().get("support-answer", "staging");
			assertThat(prompt.versionId()).isEqualTo(this.v1.id());
			assertThat(PromptTestSupport.resolveRequests(this.server)).singleElement()
				.satisfies((request) -> assertThat(request.path()).isEqualTo("/api/prompts/resolve"));
		}
	}

	@Test
	void shouldDeriveTheResolveUrlFromEachKindOfIngestUrl() {
		assertThat(Prompts.resolveUri(URI.create("https://abc123.supabase.co/functions/v1/ingest-traces")))
			.hasToString("https://abc123.supabase.co/functions/v1/prompts/resolve");
		assertThat(Prompts.resolveUri(URI.create("http://127.0.0.1:8080/functions/v1/ingest-traces/")))
			.hasToString("http://127.0.0.1:8080/functions/v1/prompts/resolve");
		assertThat(Prompts.resolveUri(URI.create("https://proxy.example/northstar/functions/v1/ingest-traces")))
			.hasToString("https://proxy.example/northstar/functions/v1/prompts/resolve");
		assertThat(Prompts.resolveUri(URI.create("https://northstar.example.com")))
			.hasToString("https://northstar.example.com/api/prompts/resolve");
		assertThat(Prompts.resolveUri(URI.create("https://northstar.example.com/ingest/")))
			.hasToString("https://northstar.example.com/ingest/api/prompts/resolve");
	}

	@Test
	void shouldRefuseInvalidArgumentsWithMessagesNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.prompts.get(" "))
			.withMessage("name must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> this.prompts.get("support-answer", ""))
			.withMessage("label must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> this.prompts.get("support-answer", 0))
			.withMessage("version must be >= 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> Prompts.builder(this.client).cacheTtl(Duration.ZERO))
			.withMessage("cacheTtl must be > 0, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> Prompts.builder(this.client).fallbackLocation("  "))
			.withMessage("fallbackLocation must not be blank");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Prompts.builder(this.client).requestTimeout(Duration.ofSeconds(-1)))
			.withMessage("requestTimeout must be > 0, was PT-1S");
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> Prompts.builder(this.client).build())
			.withMessageStartingWith("transport is required for an enabled client");
		assertThat(PromptTestSupport.resolveRequests(this.server)).isEmpty();
	}

	private void refreshAndAwait(int requests) {
		this.ticker.advance(Prompts.DEFAULT_CACHE_TTL);
		this.prompts.get("support-answer");
		awaitRequests(requests);
	}

	/** Waits until the server received the requests and their answers were applied. */
	private void awaitRequests(int requests) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> PromptTestSupport.resolveRequests(this.server).size() == requests
					&& this.prompts.pendingRequests() == 0);
	}

	private static List<String> warnings(PromptTestSupport.Logs logs) {
		return logs.messages(Level.WARNING);
	}

	private static JsonNode body(RecordedRequest request) {
		return JSON.readTree(request.bodyAsString());
	}

}
