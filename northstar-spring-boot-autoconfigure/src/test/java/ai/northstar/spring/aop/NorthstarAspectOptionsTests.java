package ai.northstar.spring.aop;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.SpanKind;
import ai.northstar.SpanOptions;
import ai.northstar.TraceOptions;
import ai.northstar.annotation.NorthstarSpan;
import ai.northstar.annotation.NorthstarTrace;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the options of {@link NorthstarTrace @NorthstarTrace} and {@link NorthstarSpan @NorthstarSpan} (static
 * metadata and attributes, input and iteration expressions, unwrapped results) and for the block forms with
 * {@link TraceOptions} and {@link SpanOptions}, recorded on a loopback ingest server.
 */
@Timeout(30)
@ExtendWith(OutputCaptureExtension.class)
class NorthstarAspectOptionsTests {

	private static LocalIngestServer server;

	private Northstar client;

	private Agent agent;

	@BeforeAll
	static void startServer() {
		server = LocalIngestServer.create();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void setUp() {
		server.store().clear();
		this.client = Northstar.builder()
			.apiKey("ns_test")
			.endpoint(server.ingestUri())
			.capture(CaptureOptions.all())
			.build();
		NorthstarAspect aspect = NorthstarAspect.create(this.client);
		this.agent = proxy(new Agent(proxy(new Planner(), aspect)), aspect);
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void shouldRecordTheStaticMetadataAndTheInputExpressionsValueWhenTheAnnotationSetsThem(CapturedOutput output) {
		Request request = new Request("Où est la gare de Zürich? 🚉", "fr-CH");
		assertThat(this.agent.ask(request, "ns_secret_key")).isEqualTo("réponse: Où est la gare de Zürich? 🚉");

		StoredRun run = onlyRun("ask");
		assertThat(run.metadata().get("team").asString()).isEqualTo("recherche");
		assertThat(run.metadata().get("tier").asString()).isEqualTo("gold=premium");
		assertThat(run.metadata().get("tags").valueStream().map(JsonNode::asString)).containsExactly("beta");
		assertThat(run.metadata().has("bad entry")).isFalse();
		assertThat(runEvent(run, "user_input").content().asString()).isEqualTo("Où est la gare de Zürich? 🚉");
		assertThat(output.getOut()).contains("NorthStar ignores metadata entry 'bad entry' of "
				+ Agent.class.getName() + ".ask: write key=value");
	}

	@Test
	void shouldRecordTheArgumentsAndReturnTheResultWhenTheInputExpressionFails() {
		assertThat(this.agent.askBroken(new Request("Bonjour", "fr"))).isEqualTo("réponse: Bonjour");
		assertThat(this.agent.askUnparseable(new Request("Hallo", "de"))).isEqualTo("réponse: Hallo");

		StoredEvent broken = runEvent(onlyRun("ask-broken"), "user_input");
		assertThat(broken.content().get("request").get("question").asString()).isEqualTo("Bonjour");
		StoredEvent unparseable = runEvent(onlyRun("ask-unparseable"), "user_input");
		assertThat(unparseable.content().get("request").get("question").asString()).isEqualTo("Hallo");
	}

	@Test
	void shouldSetTheSpansAttributesAndIterationWhenTheAnnotationGivesThemAsLiteralsOrExpressions() {
		assertThat(this.agent.loop(3)).isEqualTo(List.of("étape 1", "étape 2", "étape 3", "fin", "fin"));

		StoredRun run = onlyRun("loop");
		List<StoredSpan> steps = spans(run, "step");
		assertThat(steps).extracting(StoredSpan::iteration).containsExactlyInAnyOrder(1, 2, 3);
		assertThat(steps).allSatisfy((span) -> {
			assertThat(span.attributes().get("planner").asString()).isEqualTo("naïve");
			assertThat(span.attributes().get("budget").asString()).isEqualTo("10");
		});
		assertThat(spans(run, "finish")).singleElement()
			.satisfies((span) -> assertThat(span.iteration()).isEqualTo(7));
		assertThat(spans(run, "finish-without-number")).singleElement()
			.satisfies((span) -> assertThat(span.iteration()).as("the expression gives no number").isNull());
	}

	@Test
	void shouldLeaveTheIterationOutAndSayWhyWhenItIsNoIntNeverAWrappedNumber(CapturedOutput output) {
		assertThat(this.agent.loopTooFar()).containsExactly("trop loin", "étape 1099511627776", "étape 2.5");

		StoredRun run = onlyRun("loopTooFar");
		assertThat(spans(run, "out-of-range")).singleElement()
			.satisfies((span) -> assertThat(span.iteration()).isNull());
		assertThat(spans(run, "beyond-int")).singleElement()
			.satisfies((span) -> assertThat(span.iteration()).as("2^40 is no int: not wrapped to 0").isNull());
		assertThat(spans(run, "fraction")).singleElement()
			.satisfies((span) -> assertThat(span.iteration()).as("2.5 is no whole number").isNull());
		assertThat(output.getOut()).contains("NorthStar ignores iteration = \"99999999999\" of "
				+ Planner.class.getName() + ".outOfRange: not a whole number from -2147483648 to 2147483647")
			.doesNotContain("not a SpEL expression");
	}

	@Test
	void shouldRecordTheBodyOrTheValueNotTheWrapperWhenTheResultIsAResponseEntityOrAnOptional() throws Exception {
		assertThat(this.agent.entity("Grüße").getBody()).isEqualTo(Map.of("greeting", "Grüße"));
		assertThat(this.agent.optional("安心")).contains("安心");
		assertThat(this.agent.nothing()).isEmpty();
		assertThat(this.agent.futureEntity("🙂").get(10, TimeUnit.SECONDS).getBody()).isEqualTo("🙂");

		assertThat(runEvent(onlyRun("entity"), "final_response").content().get("greeting").asString())
			.isEqualTo("Grüße");
		assertThat(runEvent(onlyRun("optional"), "final_response").content().asString()).isEqualTo("安心");
		assertThat(runEvent(onlyRun("nothing"), "final_response").content().isNull()).isTrue();
		assertThat(runEvent(onlyRun("future-entity"), "final_response").content().asString()).isEqualTo("🙂");
	}

	@Test
	void shouldRecordTheInputMetadataTagsIterationAndAttributesWhenTheBlockFormsAreGivenOptions() {
		String answer = this.client.trace("block-agent", TraceOptions.builder()
			.input(Map.of("question", "Wie spät ist es? ⏰"))
			.metadata("team", "support")
			.metadata(Map.of("region", "eu"))
			.tags("block", "test")
			.build(), () -> this.client.span("plan", SpanKind.WORKFLOW,
					SpanOptions.builder().iteration(2).attribute("model", "klein").build(), () -> "Mittag"));
		assertThat(answer).isEqualTo("Mittag");
		assertThatIllegalStateException().isThrownBy(() -> this.client.trace("block-failure",
				TraceOptions.builder().input("x").build(), () -> this.client.span("boom", SpanKind.TOOL,
						SpanOptions.builder().iteration(1).build(), () -> {
							throw new IllegalStateException("kaputt");
						})))
			.withMessage("kaputt");

		StoredRun run = onlyRun("block-agent");
		assertThat(run.metadata().get("team").asString()).isEqualTo("support");
		assertThat(run.metadata().get("region").asString()).isEqualTo("eu");
		assertThat(run.metadata().get("tags").valueStream().map(JsonNode::asString)).containsExactly("block", "test");
		assertThat(runEvent(run, "user_input").content().get("question").asString()).isEqualTo("Wie spät ist es? ⏰");
		assertThat(spans(run, "plan")).singleElement().satisfies((span) -> {
			assertThat(span.iteration()).isEqualTo(2);
			assertThat(span.kind()).isEqualTo("workflow");
			assertThat(span.attributes().get("model").asString()).isEqualTo("klein");
			assertThat(span.attributes().has("latency_ms")).isTrue();
		});
		StoredRun failed = onlyRun("block-failure");
		assertThat(failed.status()).isEqualTo("error");
		assertThat(spans(failed, "boom")).singleElement().satisfies((span) -> {
			assertThat(span.status()).isEqualTo("error");
			assertThat(span.iteration()).isEqualTo(1);
		});
	}

	@Test
	void shouldRunTheBlockWithoutRecordingWhenTracingIsOff() {
		Northstar off = Northstar.noop();
		assertThat(off.trace("off", TraceOptions.builder().input("x").build(),
				() -> off.span("inner", SpanKind.TOOL, SpanOptions.builder().iteration(1).build(), () -> "ok")))
			.isEqualTo("ok");
		assertThat(off.startSpan("inner", SpanKind.TOOL, SpanOptions.none())).isEmpty();
	}

	private StoredRun onlyRun(String name) {
		this.client.flush(Duration.ofSeconds(10));
		List<StoredRun> runs = server.store().runs().stream().filter((run) -> run.name().equals(name)).toList();
		assertThat(runs).as(name).hasSize(1);
		return runs.get(0);
	}

	private static StoredEvent runEvent(StoredRun run, String type) {
		List<StoredEvent> events = server.store()
			.eventsOf(run.id())
			.stream()
			.filter((event) -> event.type().equals(type) && event.spanId() == null)
			.toList();
		assertThat(events).as(type).hasSize(1);
		return events.get(0);
	}

	private static List<StoredSpan> spans(StoredRun run, String name) {
		return server.store().spansOf(run.id()).stream().filter((span) -> span.name().equals(name)).toList();
	}

	private static <T> T proxy(T target, NorthstarAspect aspect) {
		AspectJProxyFactory factory = new AspectJProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAspect(aspect);
		return factory.getProxy();
	}

	/**
	 * A question.
	 *
	 * @param question the question
	 * @param locale the locale
	 */
	record Request(String question, String locale) {
	}

	static class Agent {

		private final Planner planner;

		Agent(Planner planner) {
			this.planner = planner;
		}

		@NorthstarTrace(metadata = { "team=recherche", " tier = gold=premium", "bad entry" }, tags = "beta",
				input = "#request.question")
		public String ask(Request request, String apiKey) {
			return "réponse: " + request.question();
		}

		@NorthstarTrace(name = "ask-broken", input = "#request.nothingThere")
		public String askBroken(Request request) {
			return "réponse: " + request.question();
		}

		@NorthstarTrace(name = "ask-unparseable", input = "#request.(")
		public String askUnparseable(Request request) {
			return "réponse: " + request.question();
		}

		@NorthstarTrace
		public List<String> loop(int steps) {
			List<String> done = new java.util.ArrayList<>();
			for (int step = 1; step <= steps; step++) {
				done.add(this.planner.step(step));
			}
			done.add(this.planner.finish());
			done.add(this.planner.finishWithoutNumber("fin"));
			return done;
		}

		@NorthstarTrace
		public List<String> loopTooFar() {
			return List.of(this.planner.outOfRange(), this.planner.beyondInt(1L << 40), this.planner.fraction(2.5));
		}

		@NorthstarTrace
		public ResponseEntity<Map<String, String>> entity(String greeting) {
			return ResponseEntity.ok(Map.of("greeting", greeting));
		}

		@NorthstarTrace
		public Optional<String> optional(String value) {
			return Optional.of(value);
		}

		@NorthstarTrace
		public Optional<String> nothing() {
			return Optional.empty();
		}

		@NorthstarTrace(name = "future-entity")
		public CompletableFuture<ResponseEntity<String>> futureEntity(String value) {
			return CompletableFuture.supplyAsync(() -> ResponseEntity.ok(value));
		}

	}

	static class Planner {

		@NorthstarSpan(name = "step", kind = SpanKind.WORKFLOW, iteration = "#step",
				attributes = { "planner=naïve", "budget=10" })
		public String step(int step) {
			return "étape " + step;
		}

		@NorthstarSpan(name = "finish", iteration = "7")
		public String finish() {
			return "fin";
		}

		@NorthstarSpan(name = "finish-without-number", iteration = "#word")
		public String finishWithoutNumber(String word) {
			return word;
		}

		@NorthstarSpan(name = "out-of-range", iteration = "99999999999")
		public String outOfRange() {
			return "trop loin";
		}

		@NorthstarSpan(name = "beyond-int", iteration = "#step")
		public String beyondInt(long step) {
			return "étape " + step;
		}

		@NorthstarSpan(name = "fraction", iteration = "#step")
		public String fraction(double step) {
			return "étape " + step;
		}

	}

}
