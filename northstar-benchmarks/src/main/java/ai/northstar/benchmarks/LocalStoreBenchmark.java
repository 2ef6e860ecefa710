package ai.northstar.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ai.northstar.local.IngestResult;
import ai.northstar.local.jdbc.JdbcStore;
import ai.northstar.local.viewer.ViewerPages;
import ai.northstar.local.viewer.ViewerResponse;
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
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local NorthStar's JDBC store on its default database, an H2 file.
 * <p>
 * {@code ingest}: batches per second the store ingests, each a typical agent run as the SDK sends it: a session, a
 * run, three spans (agent, model, tool, the tool a child of the agent), six events and a score, new ids each time,
 * into a store already holding its default {@code max-runs} of {@value #RUNS} runs (so retention deletes as it goes).
 * <p>
 * {@code runsList} and {@code runsListSearch}: milliseconds to render the viewer's runs list (the first page, 50
 * runs, newest first, and a text search over inputs and outputs) with {@value #RUNS} runs stored.
 *
 * @since 0.1.0
 */
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 4, time = 3)
public class LocalStoreBenchmark {

	static final int RUNS = 10_000;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/**
	 * A store in a new directory.
	 */
	@State(Scope.Benchmark)
	public static class Store {

		Path directory;

		JdbcStore store;

		@Setup(Level.Trial)
		public void open() throws IOException {
			this.directory = Files.createTempDirectory("northstar-local-benchmark-");
			this.store = JdbcStore.open(JdbcStore.h2Url(this.directory), null, null, RUNS);
		}

		@TearDown(Level.Trial)
		public void close() throws IOException {
			this.store.close();
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}

	}

	/**
	 * A store holding {@value #RUNS} runs, and its viewer.
	 */
	@State(Scope.Benchmark)
	public static class Full extends Store {

		ViewerPages viewer;

		@Override
		@Setup(Level.Trial)
		public void open() throws IOException {
			super.open();
			for (int i = 0; i < RUNS; i++) {
				IngestResult result = this.store.ingest(batch(i));
				if (!result.isAccepted()) {
					throw new IllegalStateException(result.error());
				}
			}
			this.viewer = new ViewerPages(this.store);
		}

	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public IngestResult ingest(Full state) {
		IngestResult result = state.store.ingest(batch((int) (System.nanoTime() & 0xffff)));
		if (!result.isAccepted()) {
			throw new IllegalStateException(result.error());
		}
		return result;
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public ViewerResponse runsList(Full state) {
		return render(state, Map.of());
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public ViewerResponse runsListSearch(Full state) {
		return render(state, Map.of("q", "Zürich 42"));
	}

	private static ViewerResponse render(Full state, Map<String, String> params) {
		ViewerResponse page = state.viewer.handle(ViewerPages.PATH, params);
		if (page.status() != 200) {
			throw new IllegalStateException("The runs list answered " + page.status());
		}
		return page;
	}

	static ObjectNode batch(int n) {
		UUID session = UUID.randomUUID();
		UUID run = UUID.randomUUID();
		UUID agent = UUID.randomUUID();
		UUID model = UUID.randomUUID();
		UUID tool = UUID.randomUUID();
		String start = Instant.ofEpochSecond(1_750_000_000L + n).toString();
		String end = Instant.ofEpochSecond(1_750_000_002L + n).toString();
		ObjectNode batch = MAPPER.createObjectNode().put("schema_version", 2);
		batch.putArray("sessions").addObject().put("id", session.toString()).put("created_at", start)
			.putObject("metadata").put("project", "benchmark");
		ObjectNode runRecord = batch.putArray("runs").addObject().put("id", run.toString())
			.put("session_id", session.toString()).put("name", "agent-" + (n % 7)).put("started_at", start)
			.put("ended_at", end).put("status", (n % 10 == 0) ? "error" : "ok");
		runRecord.putObject("metadata").put("cost_usd", 0.0012).put("total_input_tokens", 420)
			.put("total_output_tokens", 60).put("latency_ms", 2000);
		ArrayNode spans = batch.putArray("spans");
		span(spans, agent, run, null, "agent", "plan", start, end).putObject("attributes").put("iteration", 1);
		span(spans, model, run, agent, "model", "chat", start, end).putObject("attributes").put("model", "gpt-4o")
			.put("input_tokens", 420).put("output_tokens", 60).put("cost_usd", 0.0012);
		span(spans, tool, run, agent, "tool", "search_docs", start, end).putObject("attributes").put("latency_ms", 12);
		ArrayNode events = batch.putArray("events");
		event(events, run, null, "user_input", "Wie ist das Wetter in Zürich " + n + "? 🌧", start);
		event(events, run, model, "system_message", "You are a helpful research agent.", start);
		event(events, run, model, "user_input", "Wie ist das Wetter in Zürich " + n + "?", start);
		event(events, run, model, "assistant_message", "Let me search the docs for the weather.", start);
		event(events, run, tool, "tool_arguments", "{\"query\": \"weather Zürich\"}", start);
		event(events, run, null, "final_response", "Es regnet in Zürich, 12 °C.", end);
		batch.putArray("scores").addObject().put("id", UUID.randomUUID().toString()).put("trace_id", run.toString())
			.put("name", "relevance").put("value", 0.85).put("data_type", "numeric").put("source", "api")
			.put("created_at", end);
		return batch;
	}

	private static ObjectNode span(ArrayNode spans, UUID id, UUID run, UUID parent, String kind, String name,
			String start, String end) {
		ObjectNode span = spans.addObject().put("id", id.toString()).put("run_id", run.toString());
		if (parent != null) {
			span.put("parent_span_id", parent.toString());
		}
		return span.put("kind", kind).put("name", name).put("started_at", start).put("ended_at", end).put("status", "ok");
	}

	private static void event(ArrayNode events, UUID run, UUID span, String type, String content, String at) {
		ObjectNode event = events.addObject().put("id", UUID.randomUUID().toString()).put("run_id", run.toString());
		if (span != null) {
			event.put("span_id", span.toString());
		}
		event.put("type", type).put("created_at", at).put("content", content).putObject("attributes");
	}

}
