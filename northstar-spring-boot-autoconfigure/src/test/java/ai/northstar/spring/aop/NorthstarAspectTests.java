package ai.northstar.spring.aop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.SpanKind;
import ai.northstar.annotation.CaptureMode;
import ai.northstar.annotation.NorthstarSpan;
import ai.northstar.annotation.NorthstarTrace;
import ai.northstar.spring.context.TraceContextThreadLocalAccessor;
import ai.northstar.capture.ContentCapture;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.LocalStore;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import ai.northstar.transport.RetryPolicy;
import io.micrometer.context.ContextRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link NorthstarAspect}, through {@link AspectJProxyFactory} proxies and a loopback ingest server.
 */
@Timeout(30)
class NorthstarAspectTests {

	private static LocalIngestServer server;

	private Northstar client;

	private Agent agent;

	private Tools tools;

	@BeforeAll
	static void startServer() {
		server = LocalIngestServer.create();
		ContextRegistry.getInstance().registerThreadLocalAccessor(new TraceContextThreadLocalAccessor());
		Hooks.enableAutomaticContextPropagation();
	}

	@AfterAll
	static void stopServer() {
		server.close();
		Hooks.disableAutomaticContextPropagation();
	}

	@BeforeEach
	void setUp() {
		server.store().clear();
		this.client = client(Clock.systemUTC());
		NorthstarAspect aspect = NorthstarAspect.create(this.client);
		Fetcher fetcher = proxy(new Fetcher(), aspect);
		this.tools = proxy(new Tools(fetcher), aspect);
		this.agent = proxy(new Agent(this.tools), aspect);
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	private static Northstar client(Clock clock) {
		return client(clock, ContentCapture.defaults());
	}

	private static Northstar client(Clock clock, ContentCapture contentCapture) {
		return Northstar.builder()
			.apiKey("ns_test")
			.endpoint(server.ingestUri())
			.capture(CaptureOptions.all())
			.contentCapture(contentCapture)
			.clock(clock)
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(10)).build())
			.build();
	}

	private static <T> T proxy(T target, NorthstarAspect aspect) {
		AspectJProxyFactory factory = new AspectJProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAspect(aspect);
		return factory.getProxy();
	}

	private LocalStore flushed() {
		this.client.flush();
		return server.store();
	}

	private StoredRun onlyRun() {
		List<StoredRun> runs = flushed().runs();
		assertThat(runs).hasSize(1);
		return runs.get(0);
	}

	private static Map<String, StoredEvent> eventsByType(List<StoredEvent> events) {
		return events.stream().collect(Collectors.toMap(StoredEvent::type, Function.identity()));
	}

	@Test
	void shouldRecordARunWithInputOutputTagsAndLatencyWhenATracedMethodReturns() {
		String answer = this.agent.answer("weather in Paris?", "ns_user_secret");
		assertThat(answer).isEqualTo("result:weather in Paris?!");
		StoredRun run = onlyRun();
		assertThat(run.name()).isEqualTo("support-agent");
		assertThat(run.status()).isEqualTo("ok");
		assertThat(run.endedAt()).isNotNull();
		assertThat(run.metadata().get("tags").valueStream().map(JsonNode::asString)).containsExactly("beta", "eu");
		assertThat(run.metadata().get("latency_ms").isIntegralNumber()).isTrue();
		Map<String, StoredEvent> events = eventsByType(server.store().eventsOf(run.id()).stream()
			.filter((event) -> event.spanId() == null)
			.toList());
		JsonNode input = events.get("user_input").content();
		assertThat(input.get("question").asString()).isEqualTo("weather in Paris?");
		assertThat(input.get("apiKey").asString()).isEqualTo(ContentCapture.REDACTED);
		assertThat(events.get("final_response").content().asString()).isEqualTo("result:weather in Paris?!");
	}

	@Test
	void shouldNestSpansUnderTheInnermostOpenRecordWhenSpansCallSpans() {
		this.agent.answer("docs", "k");
		StoredRun run = onlyRun();
		List<StoredSpan> spans = server.store().spansOf(run.id());
		assertThat(spans).extracting(StoredSpan::name).containsExactlyInAnyOrder("search", "fetch");
		StoredSpan search = spans.stream().filter((span) -> span.name().equals("search")).findFirst().orElseThrow();
		StoredSpan fetch = spans.stream().filter((span) -> span.name().equals("fetch")).findFirst().orElseThrow();
		assertThat(search.parentSpanId()).isNull();
		assertThat(search.kind()).isEqualTo("tool");
		assertThat(fetch.parentSpanId()).isEqualTo(search.id());
		assertThat(fetch.kind()).isEqualTo("custom");
		assertThat(fetch.status()).isEqualTo("ok");
		assertThat(fetch.attributes().has("latency_ms")).isTrue();
		Map<String, StoredEvent> fetchEvents = eventsByType(server.store().eventsOf(run.id()).stream()
			.filter((event) -> fetch.id().equals(event.spanId()))
			.toList());
		assertThat(fetchEvents.get("tool_arguments").content().get("query").asString()).isEqualTo("docs");
		assertThat(fetchEvents.get("tool_result").content().asString()).isEqualTo("result:docs");
	}

	@Test
	void shouldRethrowTheSameExceptionAndMarkTheRunFailedWhenTheMethodThrows() {
		IllegalStateException failure = new IllegalStateException("model unavailable");
		assertThatException().isThrownBy(() -> this.agent.fail(failure)).isSameAs(failure);
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("error");
		assertThat(run.error().get("type").asString()).isEqualTo("IllegalStateException");
		assertThat(run.error().get("message").asString()).isEqualTo("model unavailable");
		assertThat(run.endedAt()).isNotNull();
	}

	@Test
	void shouldDoNothingWhenASpanMethodIsCalledOutsideATrace() {
		assertThat(this.tools.search("alone")).isEqualTo("result:alone");
		assertThat(this.client.stats().pending()).isZero();
		assertThat(flushed().spans()).isEmpty();
	}

	@Test
	void shouldEndTheRunWhenTheCompletableFutureCompletes() {
		CompletableFuture<String> pending = new CompletableFuture<>();
		CompletableFuture<String> result = this.agent.later(pending);
		assertThat(result).isSameAs(pending);
		assertThat(onlyRun().status()).isEqualTo("running");
		pending.complete("later value");
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("ok");
		assertThat(run.metadata().has("latency_ms")).isTrue();
		Map<String, StoredEvent> events = eventsByType(server.store().eventsOf(run.id()));
		assertThat(events).doesNotContainKey("user_input");
		assertThat(events.get("final_response").content().asString()).isEqualTo("later value");
	}

	@Test
	void shouldMarkTheRunFailedWhenTheCompletableFutureFails() {
		CompletableFuture<String> pending = new CompletableFuture<>();
		this.agent.later(pending);
		pending.completeExceptionally(new IllegalArgumentException("bad input"));
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("error");
		assertThat(run.error().get("type").asString()).isEqualTo("IllegalArgumentException");
	}

	@Test
	void shouldMarkTheRunCancelledWhenTheCompletableFutureIsCancelled() {
		CompletableFuture<String> pending = new CompletableFuture<>();
		this.agent.later(pending);
		pending.cancel(true);
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("error");
		assertThat(run.error().get("type").asString()).isEqualTo("CancellationException");
		assertThat(run.metadata().get("cancelled").asBoolean()).isTrue();
	}

	@Test
	void shouldEndTheRunWhenTheMonoCompletesAndPropagateTheTraceToItsOperators() {
		Mono<String> mono = this.agent.mono("hello");
		assertThat(onlyRun().status()).isEqualTo("running");
		assertThat(mono.block(Duration.ofSeconds(10))).isEqualTo("HELLO?");
		StoredRun run = onlyRun();
		assertThat(run.name()).isEqualTo("mono");
		assertThat(run.status()).isEqualTo("ok");
		assertThat(eventsByType(server.store().eventsOf(run.id()).stream()
			.filter((event) -> event.spanId() == null)
			.toList()).get("final_response").content().asString()).isEqualTo("HELLO?");
		assertThat(server.store().spansOf(run.id())).singleElement().satisfies((span) -> {
			assertThat(span.name()).isEqualTo("lookup");
			assertThat(span.parentSpanId()).isNull();
			assertThat(span.status()).isEqualTo("ok");
		});
	}

	@Test
	void shouldPassTheSameErrorAndMarkTheRunFailedWhenTheMonoFails() {
		IllegalStateException failure = new IllegalStateException("reactive failure");
		assertThatException().isThrownBy(() -> this.agent.monoFailing(failure).block(Duration.ofSeconds(10)))
			.isSameAs(failure);
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("error");
		assertThat(run.error().get("message").asString()).isEqualTo("reactive failure");
	}

	@Test
	void shouldMarkTheRunCancelledWhenTheMonoIsCancelled() {
		Disposable subscription = this.agent.never().subscribe();
		assertThat(onlyRun().status()).isEqualTo("running");
		subscription.dispose();
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("error");
		assertThat(run.error().get("type").asString()).isEqualTo("CancellationException");
		assertThat(run.metadata().get("cancelled").asBoolean()).isTrue();
	}

	@Test
	void shouldRecordTheFirstElementsWhenTheFluxCompletes() {
		List<Integer> numbers = this.agent.numbers(150).collectList().block(Duration.ofSeconds(10));
		assertThat(numbers).hasSize(150);
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("ok");
		JsonNode recorded = eventsByType(server.store().eventsOf(run.id())).get("final_response").content();
		assertThat(recorded.isArray()).isTrue();
		assertThat(recorded.size()).isEqualTo(NorthstarAspect.MAX_CAPTURED_ELEMENTS);
		assertThat(recorded.get(0).asInt()).isZero();
		assertThat(recorded.get(99).asInt()).isEqualTo(99);
	}

	@Test
	void shouldMarkTheRunCancelledWhenTheFluxIsCancelled() {
		List<Integer> first = this.agent.numbers(10).take(2).collectList().block(Duration.ofSeconds(10));
		assertThat(first).containsExactly(0, 1);
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("error");
		assertThat(run.metadata().get("cancelled").asBoolean()).isTrue();
	}

	@Test
	void shouldRecordOnlyTheFirstSubscriptionWhenTheFluxIsSubscribedTwice() {
		List<FluxSink<Integer>> sinks = new CopyOnWriteArrayList<>();
		Flux<Integer> flux = this.agent.emitted(sinks);
		Recorder<Integer> first = new Recorder<>();
		Recorder<Integer> second = new Recorder<>();
		flux.subscribe(first::next, first::error, first::complete);
		flux.subscribe(second::next, second::error, second::complete);
		assertThat(sinks).hasSize(2);
		sinks.get(0).next(1);
		sinks.get(1).next(2);
		sinks.get(0).next(3);
		sinks.get(1).next(4);
		sinks.get(0).complete();
		sinks.get(1).next(5);
		IllegalStateException failure = new IllegalStateException("second subscription failed");
		sinks.get(1).error(failure);
		assertThat(first.values).containsExactly(1, 3);
		assertThat(first.completed).isTrue();
		assertThat(second.values).containsExactly(2, 4, 5);
		assertThat(second.error).isSameAs(failure);
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("ok");
		JsonNode recorded = eventsByType(server.store().eventsOf(run.id())).get("final_response").content();
		assertThat(recorded.valueStream().map(JsonNode::asInt)).containsExactly(1, 3);
	}

	@Test
	void shouldRecordTheValueOfTheFirstSubscriptionWhenTheMonoIsSubscribedTwice() {
		List<FluxSink<String>> sinks = new CopyOnWriteArrayList<>();
		Mono<String> mono = this.agent.emittedOnce(sinks);
		Recorder<String> first = new Recorder<>();
		Recorder<String> second = new Recorder<>();
		mono.subscribe(first::next, first::error, first::complete);
		mono.subscribe(second::next, second::error, second::complete);
		assertThat(sinks).hasSize(2);
		sinks.get(1).next("second");
		sinks.get(1).complete();
		assertThat(onlyRun().status()).isEqualTo("running");
		sinks.get(0).next("first");
		sinks.get(0).complete();
		assertThat(first.values).containsExactly("first");
		assertThat(second.values).containsExactly("second");
		assertThat(first.completed).isTrue();
		assertThat(second.completed).isTrue();
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("ok");
		assertThat(eventsByType(server.store().eventsOf(run.id())).get("final_response").content().asString())
			.isEqualTo("first");
	}

	@Test
	void shouldPassEveryElementAndRecordOneSubscriptionWhenTwoSubscriptionsRunConcurrently() {
		Flux<Integer> flux = this.agent.numbers(2000).subscribeOn(Schedulers.parallel());
		List<Integer> merged = Flux.merge(flux, flux).collectList().block(Duration.ofSeconds(10));
		assertThat(merged).hasSize(4000);
		assertThat(merged.stream().distinct().count()).isEqualTo(2000);
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("ok");
		JsonNode recorded = eventsByType(server.store().eventsOf(run.id())).get("final_response").content();
		assertThat(recorded.valueStream().map(JsonNode::asInt))
			.containsExactlyElementsOf(IntStream.range(0, NorthstarAspect.MAX_CAPTURED_ELEMENTS).boxed().toList());
	}

	@Test
	void shouldEndTheRunWithTheFirstSubscriptionAndLeaveARetryUntracedWhenTheMonoIsRetried() {
		AtomicInteger attempts = new AtomicInteger();
		String value = this.agent.flaky(attempts).retry(1).block(Duration.ofSeconds(10));
		assertThat(value).isEqualTo("HELLO?");
		assertThat(attempts).hasValue(2);
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("error");
		assertThat(run.error().get("message").asString()).isEqualTo("first attempt fails");
		assertThat(server.store().spansOf(run.id())).as("the retry runs outside the ended run").isEmpty();
	}

	@Test
	void shouldNeverSignalATracingFailureToTheSubscriberWhenCapturingTheResultFails() {
		Agent failingCapture = agentWithFailingCapture();
		assertThat(failingCapture.items(3).collectList().block(Duration.ofSeconds(10))).extracting(Item::number)
			.containsExactly(0, 1, 2);
		assertThat(failingCapture.item(7).block(Duration.ofSeconds(10))).isEqualTo(new Item(7));
		assertThat(flushed().runs()).hasSize(2).allSatisfy((run) -> {
			assertThat(run.status()).isEqualTo("ok");
			assertThat(run.endedAt()).isNotNull();
		});
	}

	@Test
	void shouldNeverFailTheMethodWhenCapturingTheArgumentsAndTheResultFailsWithAnError() {
		Agent failingCapture = agentWithFailingCapture();
		assertThat(failingCapture.itemNow(new Item(8))).isEqualTo(new Item(8));
		StoredRun run = onlyRun();
		assertThat(run.status()).isEqualTo("ok");
		assertThat(run.endedAt()).isNotNull();
	}

	/**
	 * Returns an agent traced by a client whose capture of objects throws an {@link Error}, as a buggy converter or
	 * a getter failing an assertion does.
	 */
	private Agent agentWithFailingCapture() {
		this.client.close();
		this.client = client(Clock.systemUTC(), ContentCapture.builder().objectConverter((value) -> {
			throw new AssertionError("converter bug");
		}).build());
		return proxy(new Agent(this.tools), NorthstarAspect.create(this.client));
	}

	@Test
	void shouldNotCaptureWhenTheAnnotationDisablesIt() {
		assertThat(this.agent.quiet("private text")).isEqualTo("PRIVATE TEXT");
		StoredRun run = onlyRun();
		assertThat(server.store().eventsOf(run.id())).isEmpty();
		assertThat(run.status()).isEqualTo("ok");
	}

	@Test
	void shouldNotCaptureWhenThePropertiesDisableItByDefault() {
		NorthstarAspect aspect = NorthstarAspect.builder(this.client).captureInputs(false).captureOutputs(false).build();
		Agent quietAgent = proxy(new Agent(proxy(new Tools(proxy(new Fetcher(), aspect)), aspect)), aspect);
		quietAgent.answer("no capture", "k");
		StoredRun run = onlyRun();
		assertThat(server.store().spansOf(run.id())).hasSize(2);
		assertThat(server.store().eventsOf(run.id())).isEmpty();
	}

	@Test
	void shouldTraceEveryMethodWhenTheClassIsAnnotated() {
		Workflow workflow = proxy(new Workflow(), NorthstarAspect.create(this.client));
		workflow.plan();
		workflow.execute(3);
		assertThat(flushed().runs()).extracting(StoredRun::name).containsExactlyInAnyOrder("plan", "execute");
	}

	@Test
	void shouldPutTheTraceInTheMdcWhileTheMethodRuns() {
		String traceId = this.agent.traceId();
		assertThat(traceId).isNotNull();
		assertThat(onlyRun().id()).isEqualTo(UUID.fromString(traceId));
		assertThat(MDC.get("northstar.trace_id")).isNull();
	}

	@Test
	void shouldJustRunTheMethodWhenTracingIsOff() {
		Agent untraced = proxy(new Agent(this.tools), NorthstarAspect.create(Northstar.noop()));
		assertThat(untraced.answer("q", "k")).isEqualTo("result:q!");
		CompletableFuture<String> pending = CompletableFuture.completedFuture("v");
		assertThat(untraced.later(pending)).isSameAs(pending);
		assertThat(flushed().runs()).isEmpty();
	}

	@Test
	void shouldNeverFailTheMethodWhenTracingFails() {
		Northstar broken = client(new BrokenClock());
		try {
			Agent brokenAgent = proxy(new Agent(this.tools), NorthstarAspect.create(broken));
			assertThat(brokenAgent.answer("still works", "k")).isEqualTo("result:still works!");
			IllegalStateException failure = new IllegalStateException("own failure");
			assertThatException().isThrownBy(() -> brokenAgent.fail(failure)).isSameAs(failure);
		}
		finally {
			broken.close();
		}
	}

	/**
	 * What a subscriber received.
	 */
	static class Recorder<T> {

		final List<T> values = new CopyOnWriteArrayList<>();

		volatile boolean completed;

		volatile @Nullable Throwable error;

		void next(T value) {
			this.values.add(value);
		}

		void error(Throwable error) {
			this.error = error;
		}

		void complete() {
			this.completed = true;
		}

	}

	record Item(int number) {
	}

	/**
	 * A clock that fails, so every record the client creates fails.
	 */
	static class BrokenClock extends Clock {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			throw new IllegalStateException("broken clock");
		}

	}

	static class Agent {

		private final Tools tools;

		Agent(Tools tools) {
			this.tools = tools;
		}

		@NorthstarTrace(name = "support-agent", tags = { "beta", "eu" })
		public String answer(String question, String apiKey) {
			return this.tools.search(question) + "!";
		}

		@NorthstarTrace
		public String fail(RuntimeException failure) {
			throw failure;
		}

		@NorthstarTrace(captureInput = CaptureMode.DISABLED)
		public CompletableFuture<String> later(CompletableFuture<String> result) {
			return result;
		}

		@NorthstarTrace
		public Mono<String> mono(String text) {
			return Mono.fromCallable(text::toUpperCase)
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap(this.tools::lookup);
		}

		@NorthstarTrace
		public Mono<String> monoFailing(RuntimeException failure) {
			return Mono.error(failure);
		}

		@NorthstarTrace
		public Mono<String> never() {
			return Mono.never();
		}

		@NorthstarTrace
		public Flux<Integer> numbers(int count) {
			return Flux.range(0, count);
		}

		@NorthstarTrace(captureInput = CaptureMode.DISABLED)
		public Flux<Integer> emitted(List<FluxSink<Integer>> sinks) {
			return Flux.create(sinks::add);
		}

		@NorthstarTrace(captureInput = CaptureMode.DISABLED)
		public Mono<String> emittedOnce(List<FluxSink<String>> sinks) {
			return Mono.fromDirect(Flux.create(sinks::add));
		}

		@NorthstarTrace(captureInput = CaptureMode.DISABLED)
		public Mono<String> flaky(AtomicInteger attempts) {
			return Mono.fromCallable(() -> {
				if (attempts.incrementAndGet() == 1) {
					throw new IllegalStateException("first attempt fails");
				}
				return "HELLO";
			}).flatMap(this.tools::lookup);
		}

		@NorthstarTrace
		public Flux<Item> items(int count) {
			return Flux.range(0, count).map(Item::new);
		}

		@NorthstarTrace
		public Mono<Item> item(int number) {
			return Mono.just(new Item(number));
		}

		@NorthstarTrace
		public Item itemNow(Item item) {
			return item;
		}

		@NorthstarTrace
		public @Nullable String traceId() {
			return MDC.get("northstar.trace_id");
		}

		@NorthstarTrace(captureInput = CaptureMode.DISABLED, captureOutput = CaptureMode.DISABLED)
		public String quiet(String secret) {
			return secret.toUpperCase();
		}

	}

	static class Tools {

		private final Fetcher fetcher;

		Tools(Fetcher fetcher) {
			this.fetcher = fetcher;
		}

		@NorthstarSpan(kind = SpanKind.TOOL)
		public String search(String query) {
			return this.fetcher.fetch(query);
		}

		@NorthstarSpan(name = "lookup")
		public Mono<String> lookup(String value) {
			return Mono.fromCallable(() -> value + "?").subscribeOn(Schedulers.boundedElastic());
		}

	}

	static class Fetcher {

		@NorthstarSpan
		public String fetch(String query) {
			return "result:" + query;
		}

	}

	@NorthstarTrace
	static class Workflow {

		public String plan() {
			return "plan";
		}

		public int execute(int steps) {
			return steps;
		}

	}

}
