package ai.northstar.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import ai.northstar.CaptureOptions;
import ai.northstar.FlushResult;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.internal.NorthstarInternals;
import ai.northstar.internal.export.DropReason;
import ai.northstar.internal.export.RecordQueue;
import ai.northstar.spring.ai.NorthstarChatClientObservationHandler;
import ai.northstar.spring.ai.NorthstarModelObservationHandler;
import ai.northstar.spring.ai.SpringAiTracer;
import ai.northstar.transport.IngestResponse;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.annotation.Tool;

/**
 * The overhead NorthStar's Spring AI hooks add to a {@code ChatClient} call over a fake, provider-like chat model
 * (which answers at once, so the score is Spring AI plus tracing, no network): one round without tools, and a tool
 * round (two model rounds and one {@code @Tool} execution), each untraced, observed and traced.
 * <p>
 * Untraced: the same {@code ChatClient} over an {@link ObservationRegistry} with no handler, as in an application
 * without NorthStar (Spring AI's observations are then no-ops). Observed: a registry with one handler that does
 * nothing, which is Spring AI's own cost of being observed (its conventions compute names and key values once any
 * handler listens, as with Actuator's metrics). Traced: an {@code ObservationRegistry} with
 * NorthStar's two observation handlers, and a {@link Northstar} client that records everything (each call outside a
 * trace is a run of its own: auto-trace) with a background {@link NorthstarFlusher} sending to a transport that
 * accepts at once, as in {@link RecordingBenchmark}: snapshots and JSON happen on the flusher's thread, and a call
 * that finds the flusher's backlog above a high-water mark waits, unmeasured, in an invocation-level setup. The
 * teardown prints what was sent and dropped (must be 0).
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class SpringAiBenchmark {

	/**
	 * One round, no tools, without NorthStar.
	 * @param clients the clients
	 * @return the answer
	 */
	@Benchmark
	public String plain_untraced(Clients clients) {
		return clients.untraced.prompt().user("Bonjour, quelle heure est-il?").call().content();
	}

	/**
	 * One round, no tools, observed by a handler that does nothing: Spring AI's own cost of being observed.
	 * @param clients the clients
	 * @return the answer
	 */
	@Benchmark
	public String plain_observed(Clients clients) {
		return clients.observed.prompt().user("Bonjour, quelle heure est-il?").call().content();
	}

	/**
	 * One round, no tools, traced.
	 * @param clients the clients
	 * @return the answer
	 */
	@Benchmark
	public String plain_traced(Clients clients) {
		return clients.traced.prompt().user("Bonjour, quelle heure est-il?").call().content();
	}

	/**
	 * A tool round (two model rounds, one tool), without NorthStar.
	 * @param clients the clients
	 * @return the answer
	 */
	@Benchmark
	public String tools_untraced(Clients clients) {
		return clients.untracedTools.prompt().user("Quelle météo à Zürich?").call().content();
	}

	/**
	 * A tool round, observed by a handler that does nothing.
	 * @param clients the clients
	 * @return the answer
	 */
	@Benchmark
	public String tools_observed(Clients clients) {
		return clients.observedTools.prompt().user("Quelle météo à Zürich?").call().content();
	}

	/**
	 * A tool round (two model rounds, one tool), traced.
	 * @param clients the clients
	 * @return the answer
	 */
	@Benchmark
	public String tools_traced(Clients clients) {
		return clients.tracedTools.prompt().user("Quelle météo à Zürich?").call().content();
	}

	/**
	 * The clients, the NorthStar pipeline of the traced ones, and the wait for its flusher.
	 */
	@State(Scope.Benchmark)
	public static class Clients {

		static final int MAX_QUEUE_SIZE = 200_000;

		static final int HIGH_WATER = 16_384;

		static final int LOW_WATER = 4_096;

		Northstar client;

		RecordQueue buffer;

		NorthstarFlusher flusher;

		ChatClient untraced;

		ChatClient traced;

		ChatClient observed;

		ChatClient observedTools;

		ChatClient untracedTools;

		ChatClient tracedTools;

		final LongAdder bodies = new LongAdder();

		/**
		 * Builds the clients and starts the flusher.
		 */
		@Setup(Level.Trial)
		public void start() {
			this.client = Northstar.builder()
				.apiKey("ns_bench")
				.endpoint("http://127.0.0.1:9/ingest")
				.capture(CaptureOptions.all())
				.maxQueueSize(MAX_QUEUE_SIZE)
				.transport((body) -> {
					this.bodies.increment();
					return CompletableFuture.completedFuture(new IngestResponse(200, "{\"accepted\":true}", null));
				})
				.build();
			this.buffer = NorthstarInternals.pipeline(this.client).queue();
			this.flusher = NorthstarFlusher.builder(this.client)
				.batchSize(512)
				.flushInterval(Duration.ofMillis(50))
				.build()
				.start();
			SpringAiTracer tracer = SpringAiTracer.builder(this.client).build();
			ObservationRegistry tracedRegistry = ObservationRegistry.create();
			tracedRegistry.observationConfig()
				.observationHandler(new NorthstarModelObservationHandler(tracer))
				.observationHandler(new NorthstarChatClientObservationHandler(tracer));
			ObservationRegistry untracedRegistry = ObservationRegistry.create();
			ObservationRegistry observedRegistry = ObservationRegistry.create();
			observedRegistry.observationConfig().observationHandler((context) -> true);
			WeatherTools tools = new WeatherTools();
			this.observed = ChatClient.builder(new FakeModel(observedRegistry), observedRegistry, null, null).build();
			this.observedTools = ChatClient.builder(new FakeModel(observedRegistry), observedRegistry, null, null)
				.defaultTools(tools)
				.build();
			this.untraced = ChatClient.builder(new FakeModel(untracedRegistry), untracedRegistry, null, null).build();
			this.traced = ChatClient.builder(new FakeModel(tracedRegistry), tracedRegistry, null, null).build();
			this.untracedTools = ChatClient.builder(new FakeModel(untracedRegistry), untracedRegistry, null, null)
				.defaultTools(tools)
				.build();
			this.tracedTools = ChatClient.builder(new FakeModel(tracedRegistry), tracedRegistry, null, null)
				.defaultTools(tools)
				.build();
		}

		/**
		 * Waits, unmeasured, while the flusher's backlog is too long.
		 */
		@Setup(Level.Invocation)
		public void beforeCall() throws InterruptedException {
			if (this.buffer.size() > HIGH_WATER) {
				while (this.buffer.size() > LOW_WATER) {
					Thread.sleep(1);
				}
			}
		}

		/**
		 * Drains, then prints what was sent and dropped.
		 */
		@TearDown(Level.Trial)
		public void stop() {
			FlushResult flushed = this.flusher.flush(Duration.ofSeconds(30));
			this.flusher.close();
			Map<DropReason, Long> dropped = this.buffer.droppedCounts();
			long droppedTotal = dropped.values().stream().mapToLong(Long::longValue).sum();
			System.out.printf("%n[northstar] sent %,d records in %,d batches, dropped %,d %s; flush() returned %s%n",
					this.buffer.sentCount(), this.bodies.sum(), droppedTotal, dropped, flushed);
			if (droppedTotal > 0) {
				System.out.println("[northstar] WARNING: records were dropped; the figures are not valid");
			}
		}

	}

	/**
	 * The tool of the tool round.
	 */
	public static class WeatherTools {

		/**
		 * The weather.
		 * @param city the city
		 * @return the weather
		 */
		@Tool(name = "weather", description = "The current weather of a city")
		public Map<String, Object> weather(String city) {
			return Map.of("city", city, "sky", "ensoleillé", "celsius", 24);
		}

	}

	/**
	 * A chat model that answers at once and observes each call as Spring AI's providers do: it asks for the
	 * {@code weather} tool when it is offered and has no tool result yet, and reports usage for {@code gpt-4o}.
	 */
	static final class FakeModel implements ChatModel {

		private static final DefaultChatModelObservationConvention CONVENTION = new DefaultChatModelObservationConvention();

		private final ObservationRegistry registry;

		private final ChatOptions defaults = ToolCallingChatOptions.builder().model("gpt-4o").temperature(0.2).build();

		FakeModel(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Override
		public ChatOptions getOptions() {
			return this.defaults;
		}

		@Override
		public ChatResponse call(Prompt prompt) {
			ChatModelObservationContext context = ChatModelObservationContext.builder()
				.prompt(prompt)
				.provider("fake")
				.build();
			return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
				.observation(null, CONVENTION, () -> context, this.registry)
				.observe(() -> {
					ChatResponse response = answer(prompt);
					context.setResponse(response);
					return response;
				});
		}

		private static ChatResponse answer(Prompt prompt) {
			List<Message> messages = prompt.getInstructions();
			boolean toolResult = !messages.isEmpty() && messages.get(messages.size() - 1) instanceof ToolResponseMessage;
			boolean toolsOffered = prompt.getOptions() instanceof ToolCallingChatOptions options
					&& options.getToolCallbacks() != null && !options.getToolCallbacks().isEmpty();
			AssistantMessage message = (toolsOffered && !toolResult)
					? AssistantMessage.builder()
						.content("")
						.toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", "weather",
								"{\"city\":\"Zürich\"}")))
						.build()
					: new AssistantMessage("Il fait beau à Zürich, 24 °C ☀️");
			return new ChatResponse(
					List.of(new Generation(message,
							ChatGenerationMetadata.builder().finishReason(toolResult ? "STOP" : "TOOL_CALLS").build())),
					ChatResponseMetadata.builder()
						.model("gpt-4o-2024-08-06")
						.usage(new DefaultUsage(120, 30, 150))
						.build());
		}

	}

}
