package ai.northstar.langchain4j;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A NorthStar client sending to a loopback NorthStar that validates and stores batches as the backend does, and
 * queries over what it stored.
 */
final class LoopbackNorthstar implements AutoCloseable {

	private static final String API_KEY = "ns_langchain4j";

	private final LocalIngestServer server = LocalIngestServer.builder().apiKey(API_KEY).build();

	private final Northstar client = Northstar.builder()
		.apiKey(API_KEY)
		.endpoint(this.server.ingestUri())
		.capture(CaptureOptions.all())
		.build();

	Northstar client() {
		return this.client;
	}

	LocalIngestServer server() {
		return this.server;
	}

	/**
	 * Sends what is pending and checks that the loopback NorthStar accepted every batch.
	 */
	void flush() {
		this.client.flush();
		assertThat(this.server.store().rejectionMessages()).isEmpty();
	}

	List<StoredRun> runs() {
		return this.server.store().runs();
	}

	StoredRun run(String name) {
		return this.server.store()
			.runs()
			.stream()
			.filter((run) -> run.name().equals(name))
			.reduce((first, second) -> {
				throw new AssertionError("more than one run named " + name);
			})
			.orElseThrow(() -> new AssertionError("no run named " + name + " in " + this.server.store().runs()));
	}

	/**
	 * Returns a run's spans, oldest first.
	 */
	List<StoredSpan> spans(StoredRun run) {
		return this.server.store()
			.spansOf(run.id())
			.stream()
			.sorted(Comparator.comparing(StoredSpan::startedAt))
			.toList();
	}

	StoredSpan span(StoredRun run, String name) {
		List<StoredSpan> found = spans(run).stream().filter((span) -> span.name().equals(name)).toList();
		assertThat(found).as("spans named %s", name).hasSize(1);
		return found.get(0);
	}

	List<StoredSpan> spans(StoredRun run, String name) {
		return spans(run).stream().filter((span) -> span.name().equals(name)).toList();
	}

	List<StoredEvent> events(StoredRun run) {
		return this.server.store().eventsOf(run.id());
	}

	/**
	 * Returns the only event of a type recorded on a span ({@code null}: on the run itself).
	 */
	StoredEvent event(StoredRun run, StoredSpan span, String type) {
		UUID spanId = (span != null) ? span.id() : null;
		List<StoredEvent> found = events(run).stream()
			.filter((event) -> event.type().equals(type) && Objects.equals(event.spanId(), spanId))
			.toList();
		assertThat(found).as("%s events of %s", type, (span != null) ? span.name() : "the run").hasSize(1);
		return found.get(0);
	}

	StoredEvent runEvent(StoredRun run, String type) {
		return event(run, null, type);
	}

	List<StoredEvent> events(StoredRun run, StoredSpan span, String type) {
		return events(run).stream()
			.filter((event) -> event.type().equals(type) && Objects.equals(event.spanId(), span.id()))
			.toList();
	}

	@Override
	public void close() {
		this.client.close();
		this.server.close();
	}

}
