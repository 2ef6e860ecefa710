package ai.northstar.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.local.IngestResult;
import ai.northstar.local.LocalStore;
import ai.northstar.local.StoredRun;
import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-memory {@link IngestTransport} for tests: every batch is checked with the rules of the real NorthStar
 * backend ({@code northstar-local}'s validator and referential rules, in one transaction) and answered as the backend
 * would ({@code 200 {"accepted": true}}, or {@code 400}/{@code 500 {"error": ...}}), so the client behaves exactly as in
 * production. What was accepted is kept and can be asserted on; what was refused is kept as a {@link Refusal} and
 * fails {@link #awaitRuns(int)} and {@link #assertNoRefusals()} with the backend's error.
 *
 * <pre>{@code
 * NorthstarRecorder recorder = NorthstarRecorder.create();
 * Northstar northstar = recorder.client();
 * northstar.trace("agent", () -> agent.ask("¿Dónde está el 🐙?"));
 * RecordedRun run = recorder.awaitRuns(1).get(0);
 * NorthstarAssertions.assertThat(run).isOk().hasToolCalls("search_docs");
 * }</pre>
 * <p>
 * In JUnit 5, {@link NorthstarRecorderExtension} injects a recorder and its client; in a Spring Boot test,
 * {@code @AutoConfigureNorthstarRecorder} makes the starter trace into one. Thread-safe.
 *
 * @since 0.1.0
 */
public final class NorthstarRecorder implements IngestTransport {

	/** The API key of the {@link #client() client} built on a recorder; the recorder checks none. */
	public static final String API_KEY = "ns_recorder";

	/** The endpoint of the {@link #client() client} built on a recorder; nothing is ever sent there. */
	public static final String ENDPOINT = "http://recorder.invalid/functions/v1/ingest-traces";

	/** The default time {@link #awaitRuns(int)} waits. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private static final int MAX_EXCERPT = 2000;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final LocalStore store = LocalStore.create();

	private final Object monitor = new Object();

	private final List<Refusal> refusals = new ArrayList<>();

	private final Set<UUID> hiddenRuns = new HashSet<>();

	private int acceptedBatches;

	private @Nullable Northstar boundClient;

	private @Nullable Northstar ownClient;

	NorthstarRecorder() {
	}

	/**
	 * Creates an empty recorder.
	 * @return a new recorder
	 */
	public static NorthstarRecorder create() {
		return new NorthstarRecorder();
	}

	/**
	 * Returns a client that sends to this recorder, capturing every typed event ({@link CaptureOptions#all()}),
	 * created at the first call and {@link #bind(Northstar) bound} to this recorder. It starts no thread: what it
	 * records is sent by {@link #awaitRuns(int)}, by {@link Northstar#flush()} or when it is closed.
	 * @return the client
	 * @throws IllegalStateException when another client is already bound
	 */
	public Northstar client() {
		synchronized (this.monitor) {
			if (this.ownClient == null) {
				if (this.boundClient != null) {
					throw new IllegalStateException("A client is already bound to this recorder: " + this.boundClient);
				}
				this.ownClient = Northstar.builder()
					.apiKey(API_KEY)
					.endpoint(ENDPOINT)
					.transport(this)
					.capture(CaptureOptions.all())
					.build();
				this.boundClient = this.ownClient;
			}
			return this.ownClient;
		}
	}

	/**
	 * Binds the client that sends to this recorder, so that {@link #awaitRuns(int)} can flush it first.
	 * @param client the client, whose transport is this recorder
	 */
	public void bind(Northstar client) {
		Objects.requireNonNull(client, "client must not be null");
		synchronized (this.monitor) {
			this.boundClient = client;
		}
	}

	/**
	 * Returns the bound client, if any.
	 * @return the client
	 */
	public Optional<Northstar> boundClient() {
		synchronized (this.monitor) {
			return Optional.ofNullable(this.boundClient);
		}
	}

	/**
	 * Checks and stores one batch, answering as the backend would.
	 * @param jsonBody the batch
	 * @return the answer, already complete
	 */
	@Override
	public CompletableFuture<IngestResponse> send(byte[] jsonBody) {
		JsonNode batch;
		try {
			batch = MAPPER.readTree(jsonBody);
		}
		catch (JacksonException ex) {
			batch = null;
		}
		IngestResult result = (batch == null || batch.isMissingNode())
				? new IngestResult(IngestResult.Kind.INVALID, "Invalid JSON") : this.store.ingest(batch);
		synchronized (this.monitor) {
			if (result.isAccepted()) {
				this.acceptedBatches++;
			}
			else {
				this.refusals.add(new Refusal(result.httpStatus(), String.valueOf(result.error()), excerpt(jsonBody)));
			}
			this.monitor.notifyAll();
		}
		String body = result.isAccepted() ? "{\"accepted\":true}"
				: MAPPER.writeValueAsString(MAPPER.createObjectNode().put("error", result.error()));
		return CompletableFuture.completedFuture(new IngestResponse(result.httpStatus(), body, null));
	}

	private static String excerpt(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		if (text.length() <= MAX_EXCERPT) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(MAX_EXCERPT - 1)) ? MAX_EXCERPT - 1 : MAX_EXCERPT;
		return text.substring(0, end) + "... (" + text.length() + " characters)";
	}

	/**
	 * Returns the store holding what was accepted, for queries this class does not offer. It includes runs hidden by
	 * {@link #reset()}.
	 * @return the store
	 */
	public LocalStore store() {
		return this.store;
	}

	/**
	 * Returns the recorded runs, in the order they were first accepted, with their spans, events, scores and prompt
	 * links, as the backend stores them now. Runs recorded before the last {@link #reset()} are left out.
	 * @return a snapshot of the runs
	 */
	public List<RecordedRun> runs() {
		Set<UUID> hidden;
		synchronized (this.monitor) {
			hidden = Set.copyOf(this.hiddenRuns);
		}
		List<RecordedRun> runs = new ArrayList<>();
		for (StoredRun run : this.store.runs()) {
			if (!hidden.contains(run.id())) {
				runs.add(RecordedRun.of(this.store, run));
			}
		}
		return runs;
	}

	/**
	 * Returns the ended runs (status {@code ok} or {@code error}), ordered by start time.
	 * @return a snapshot of the ended runs
	 */
	public List<RecordedRun> endedRuns() {
		return runs().stream()
			.filter(RecordedRun::isEnded)
			.sorted(Comparator.comparing(RecordedRun::startedAt))
			.toList();
	}

	/**
	 * Finds a recorded run by id.
	 * @param id the run id
	 * @return the run, if recorded
	 */
	public Optional<RecordedRun> run(UUID id) {
		return this.store.run(id).map((run) -> RecordedRun.of(this.store, run));
	}

	/**
	 * Waits up to {@link #DEFAULT_TIMEOUT} (10 seconds) for at least {@code count} ended runs; see
	 * {@link #awaitRuns(int, Duration)}.
	 * @param count the number of ended runs to wait for
	 * @return the ended runs, ordered by start time (at least {@code count})
	 * @throws AssertionError when a batch was refused, or when fewer runs ended in time
	 */
	public List<RecordedRun> awaitRuns(int count) {
		return awaitRuns(count, DEFAULT_TIMEOUT);
	}

	/**
	 * Flushes the bound client (through its background flusher when it has one), then waits until at least
	 * {@code count} runs have ended. Fails at once when the backend would have refused a batch: the error says why,
	 * and shows the start of the batch.
	 * @param count the number of ended runs to wait for
	 * @param timeout how long to wait
	 * @return the ended runs, ordered by start time (at least {@code count})
	 * @throws AssertionError when a batch was refused, or when fewer runs ended in time (the message shows the runs
	 * recorded so far)
	 */
	public List<RecordedRun> awaitRuns(int count, Duration timeout) {
		if (count < 0) {
			throw new IllegalArgumentException("count must be >= 0, was " + count);
		}
		Objects.requireNonNull(timeout, "timeout must not be null");
		long deadline = System.nanoTime() + timeout.toNanos();
		Northstar client = boundClient().orElse(null);
		if (client != null) {
			client.flush(timeout);
		}
		while (true) {
			assertNoRefusals();
			List<RecordedRun> ended = endedRuns();
			if (ended.size() >= count) {
				return ended;
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new AssertionError("Expected at least " + count + " ended run(s) within " + timeout + ", but "
						+ ended.size() + " ended" + describeRuns());
			}
			if (client != null && client.stats().pending() > 0) {
				client.flush(Duration.ofNanos(remaining));
			}
			synchronized (this.monitor) {
				try {
					this.monitor.wait(Math.max(1, Math.min(50, remaining / 1_000_000)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted while waiting for " + count + " run(s)", ex);
				}
			}
		}
	}

	/**
	 * Returns the ids of every run in the store, including those hidden by {@link #reset()}.
	 * @return the run ids
	 */
	public Set<UUID> runIds() {
		Set<UUID> ids = new HashSet<>();
		this.store.runs().forEach((run) -> ids.add(run.id()));
		return ids;
	}

	/**
	 * Flushes the bound client, then waits until every run that is not among {@code known} has ended, or the timeout
	 * passes; returns at once, empty, when no such run was recorded and the client holds nothing more to send. For code that runs an agent and wants the runs it recorded.
	 * @param known the ids of runs to leave out, such as {@link #runIds()} before the agent ran
	 * @param timeout how long to wait
	 * @return the new runs, ordered by start time; possibly empty, or holding runs still running, after the timeout
	 * @throws AssertionError when a batch was refused
	 */
	public List<RecordedRun> awaitNewRuns(Set<UUID> known, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Northstar client = boundClient().orElse(null);
		while (true) {
			if (client != null) {
				client.flush(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			}
			assertNoRefusals();
			List<RecordedRun> fresh = this.store.runs()
				.stream()
				.filter((run) -> !known.contains(run.id()))
				.map((run) -> RecordedRun.of(this.store, run))
				.sorted(Comparator.comparing(RecordedRun::startedAt))
				.toList();
			long remaining = deadline - System.nanoTime();
			if ((!fresh.isEmpty() && fresh.stream().allMatch(RecordedRun::isEnded)) || remaining <= 0) {
				return fresh;
			}
			if (fresh.isEmpty() && (client == null || client.stats().pending() == 0)) {
				return fresh;
			}
			synchronized (this.monitor) {
				try {
					this.monitor.wait(Math.max(1, Math.min(50, remaining / 1_000_000)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return fresh;
				}
			}
		}
	}

	private String describeRuns() {
		List<RecordedRun> runs = runs();
		if (runs.isEmpty()) {
			return "; nothing was recorded";
		}
		return "; recorded:\n" + runs.stream().map(RecordedRun::tree).collect(Collectors.joining("\n"));
	}

	/**
	 * Returns the batches the backend would have refused, oldest first.
	 * @return the refusals
	 */
	public List<Refusal> refusals() {
		synchronized (this.monitor) {
			return List.copyOf(this.refusals);
		}
	}

	/**
	 * Returns how many batches were accepted.
	 * @return the number of accepted batches
	 */
	public int acceptedBatches() {
		synchronized (this.monitor) {
			return this.acceptedBatches;
		}
	}

	/**
	 * Fails when a batch was refused.
	 * @throws AssertionError naming the backend's error for each refused batch
	 */
	public void assertNoRefusals() {
		List<Refusal> refused = refusals();
		if (!refused.isEmpty()) {
			throw new AssertionError("NorthStar would refuse " + refused.size() + " batch(es) sent by this test:\n"
					+ refused.stream().map(Refusal::toString).collect(Collectors.joining("\n")));
		}
	}

	/**
	 * Starts afresh for the next test: runs recorded so far are no longer listed and refusals are forgotten. The
	 * records stay in the store, so that later batches may still refer to them (a process session created earlier,
	 * for instance), exactly as on the backend.
	 */
	public void reset() {
		synchronized (this.monitor) {
			this.store.runs().forEach((run) -> this.hiddenRuns.add(run.id()));
			this.refusals.clear();
		}
	}

	/**
	 * Closes the client created by {@link #client()}, if any, which sends what it still holds. Never throws.
	 */
	@Override
	public void close() {
		Northstar own;
		synchronized (this.monitor) {
			own = this.ownClient;
			this.ownClient = null;
			if (this.boundClient == own) {
				this.boundClient = null;
			}
		}
		if (own != null) {
			try {
				own.close();
			}
			catch (RuntimeException ex) {
				// a refused final batch is kept as a refusal
			}
		}
	}

	@Override
	public String toString() {
		return "NorthstarRecorder[runs=" + this.store.runs().size() + ", acceptedBatches=" + acceptedBatches()
				+ ", refusals=" + refusals().size() + "]";
	}

	/**
	 * A batch the backend would have refused.
	 *
	 * @param status the HTTP status the backend answers with
	 * @param error the backend's error text
	 * @param batch the start of the batch
	 * @since 0.1.0
	 */
	public record Refusal(int status, String error, String batch) {

		@Override
		public String toString() {
			return "HTTP " + this.status + " \"" + this.error + "\" for batch " + this.batch;
		}

	}

}
