package ai.northstar.samples.langchain4j;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.langchain4j.NorthstarAiServices;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import org.jspecify.annotations.Nullable;

/**
 * A plain Java LangChain4j agent traced with NorthStar, with no Spring: an AI service with two tools over a
 * deterministic model, the low-level {@link Northstar} client with a {@link NorthstarFlusher}, sending to a local
 * NorthStar that the program starts itself ({@link LocalIngestServer}: no account, no network). It asks one question
 * and prints the answer and the run NorthStar stored.
 * <p>
 * To send to your NorthStar project instead, build the client with your key and project id
 * ({@code Northstar.builder().apiKey(System.getenv("NORTHSTAR_API_KEY")).projectId(...)}) and drop the local server.
 */
public final class TravelAgentSample {

	/** The key the local NorthStar accepts. */
	static final String LOCAL_API_KEY = "ns_local_sample";

	/** The question the sample asks. */
	static final String QUESTION = "Quel temps fera-t-il à Zürich ?";

	private TravelAgentSample() {
	}

	/**
	 * The AI service: LangChain4j implements it.
	 */
	public interface TravelAssistant {

		/**
		 * Plans a trip.
		 * @param question the traveller's question
		 * @return the answer
		 */
		@SystemMessage("Tu es un agent de voyage. Utilise les outils, puis réponds en français.")
		String plan(String question);

	}

	/**
	 * Runs the sample.
	 * @param args a question to ask instead of the default one
	 */
	public static void main(String[] args) {
		run((args.length > 0) ? String.join(" ", args) : QUESTION, System.out);
	}

	/**
	 * Asks the agent a question, with tracing sent to a local NorthStar, and prints the stored run.
	 * @param question the question
	 * @param out where to print
	 * @return what the local NorthStar stored for the run
	 */
	static Result run(String question, PrintStream out) {
		try (LocalIngestServer server = LocalIngestServer.builder().apiKey(LOCAL_API_KEY).build();
				Northstar northstar = Northstar.builder()
					.apiKey(LOCAL_API_KEY)
					.endpoint(server.ingestUri())
					.capture(CaptureOptions.all())      // the low-level client captures no content by default
					.project("travel-agent")
					.build();
				NorthstarFlusher flusher = NorthstarFlusher.builder(northstar)
					.flushInterval(Duration.ofSeconds(1))
					.build()
					.start()) {

			// The only NorthStar line of the agent: instrument the builder last, just before build()
			TravelAssistant assistant = NorthstarAiServices
				.instrument(AiServices.builder(TravelAssistant.class)
					.chatModel(new FakeTravelModel())
					.tools(new TravelTools()), northstar)
				.build();

			String answer = assistant.plan(question);
			out.println("Question : " + question);
			out.println("Réponse  : " + answer);

			flusher.flush(Duration.ofSeconds(10));
			StoredRun run = server.store()
				.runs()
				.stream()
				.max(Comparator.comparing(StoredRun::startedAt))
				.orElseThrow(() -> new IllegalStateException("the local NorthStar stored no run"));
			List<StoredSpan> spans = server.store()
				.spansOf(run.id())
				.stream()
				.sorted(Comparator.comparing(StoredSpan::startedAt))
				.toList();
			List<StoredEvent> events = server.store().eventsOf(run.id());
			print(out, server, run, spans, events);
			return new Result(answer, run, spans, events);
		}
	}

	private static void print(PrintStream out, LocalIngestServer server, StoredRun run, List<StoredSpan> spans,
			List<StoredEvent> events) {
		out.println();
		out.println("NorthStar stored run '" + run.name() + "' (" + run.status() + ", "
				+ run.metadata().path("total_input_tokens").asLong() + " input tokens, $"
				+ (run.metadata().path("cost_usd").isNumber()
						? run.metadata().path("cost_usd").decimalValue().toPlainString() : "?")
				+ ") at " + server.ingestUri() + ":");
		for (StoredSpan span : spans) {
			int depth = depth(span, spans);
			StringBuilder line = new StringBuilder("  ".repeat(depth + 1)).append("- ")
				.append(span.kind().toUpperCase(java.util.Locale.ROOT))
				.append(' ')
				.append(span.name())
				.append(" [")
				.append(span.status())
				.append(']');
			if (span.attributes().has("input_tokens")) {
				line.append(" tokens ")
					.append(span.attributes().get("input_tokens").asLong())
					.append('/')
					.append(span.attributes().get("output_tokens").asLong())
					.append(", finish ")
					.append(span.attributes().path("finish_reason").asString(""));
			}
			List<String> types = events.stream()
				.filter((event) -> span.id().equals(event.spanId()))
				.map(StoredEvent::type)
				.toList();
			if (!types.isEmpty()) {
				line.append(" events ").append(types);
			}
			out.println(line);
		}
		events.stream()
			.filter((event) -> event.spanId() == null)
			.forEach((event) -> out.println("  " + event.type() + ": " + event.content()));
	}

	private static int depth(StoredSpan span, List<StoredSpan> spans) {
		int depth = 0;
		for (UUID parent = span.parentSpanId(); parent != null; depth++) {
			UUID current = parent;
			parent = spans.stream()
				.filter((candidate) -> candidate.id().equals(current))
				.findFirst()
				.map(StoredSpan::parentSpanId)
				.orElse(null);
		}
		return depth;
	}

	/**
	 * What the sample's run left in the local NorthStar.
	 *
	 * @param answer the agent's answer
	 * @param run the stored run
	 * @param spans its spans, oldest first
	 * @param events its events
	 */
	record Result(String answer, StoredRun run, List<StoredSpan> spans, List<StoredEvent> events) {

		@Nullable StoredEvent runEvent(String type) {
			return this.events.stream()
				.filter((event) -> event.spanId() == null && event.type().equals(type))
				.findFirst()
				.orElse(null);
		}

	}

}
