package ai.northstar.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/**
 * An in-memory NorthStar database for one project, applying batches with the rules of the real backend.
 * <p>
 * {@link #ingest(JsonNode)} validates a batch with {@link IngestValidator}, then applies it in one transaction:
 * sessions, runs, spans (sorted so that a parent precedes its children within the batch), events, prompt links and
 * scores, in that order. A record that references a row which exists neither in an earlier batch nor earlier in
 * this one fails the whole batch with {@value IngestResult#INVALID_REFERENCES} and nothing of it is stored. A prompt
 * link must reference a span of its run (a span of another run fails the batch with status 500, as in the backend)
 * and a prompt version of {@link #prompts()}, with {@code variable_values} absent or an object ({@code null} fails
 * with status 500).
 * <p>
 * Records are upserted by id: a session keeps its first {@code created_at}; runs and spans keep their first
 * {@code name}, {@code started_at} (and parents, kind, iteration), take {@code ended_at = coalesce(new, old)} and
 * the newest {@code status}, {@code error} and {@code metadata}/{@code attributes} (absent means cleared); events
 * take the newest {@code content} and {@code attributes}; scores and prompt links are replaced.
 * <p>
 * Thread-safe. Query methods return immutable snapshots in the order records were first stored, except
 * {@link #spansOf(UUID)} and {@link #eventsOf(UUID)} which sort by time.
 *
 * @since 0.1.0
 */
public final class LocalStore implements IngestStore {

	/** The most rejection messages kept by {@link #rejectionMessages()}. */
	public static final int MAX_REJECTION_MESSAGES = 1000;

	private final Object lock = new Object();

	private final StoreTables tables = new StoreTables();

	private final Deque<String> rejectionMessages = new ArrayDeque<>();

	private final InMemoryPromptRegistry prompts = new InMemoryPromptRegistry();

	private int acceptedBatches;

	private int rejectedBatches;

	LocalStore() {
	}

	/**
	 * Creates an empty store.
	 * @return a new store
	 */
	public static LocalStore create() {
		return new LocalStore();
	}

	/**
	 * Validates a batch and stores all of its records, or none.
	 * @param batch the parsed request body
	 * @return the outcome, with the HTTP status and error text the backend answers with
	 */
	@Override
	public IngestResult ingest(JsonNode batch) {
		Optional<IngestValidator.Problem> problem = IngestValidator.check(batch);
		if (problem.isPresent()) {
			IngestResult.Kind kind = problem.get().isServerError() ? IngestResult.Kind.SERVER_ERROR
					: IngestResult.Kind.INVALID;
			return reject(kind, problem.get().message());
		}
		synchronized (this.lock) {
			BatchTransaction transaction = new BatchTransaction(this.tables, this.prompts);
			IngestResult.Kind failure = transaction.apply(batch);
			if (failure == IngestResult.Kind.INVALID_REFERENCES) {
				return reject(failure, IngestResult.INVALID_REFERENCES);
			}
			if (failure != null) {
				return reject(failure, IngestResult.INTERNAL_ERROR);
			}
			transaction.commit();
			this.acceptedBatches++;
			return new IngestResult(IngestResult.Kind.ACCEPTED, null);
		}
	}

	/**
	 * Counts a batch the server turned away before it reached {@link #ingest(JsonNode)} (for instance a body that
	 * is not JSON).
	 * @param kind why it was rejected
	 * @param message the error text
	 * @return the result to answer with
	 */
	@Override
	public IngestResult reject(IngestResult.Kind kind, String message) {
		synchronized (this.lock) {
			this.rejectedBatches++;
			this.rejectionMessages.addLast(message);
			while (this.rejectionMessages.size() > MAX_REJECTION_MESSAGES) {
				this.rejectionMessages.removeFirst();
			}
		}
		return new IngestResult(kind, message);
	}

	/**
	 * Returns the prompts this store resolves and lets prompt links reference. {@link #clear()} keeps them.
	 * @return the prompt registry
	 */
	@Override
	public PromptRegistry prompts() {
		return this.prompts;
	}

	/**
	 * Returns the stored sessions.
	 * @return a snapshot of the sessions
	 */
	public List<StoredSession> sessions() {
		synchronized (this.lock) {
			return List.copyOf(this.tables.sessions.values());
		}
	}

	/**
	 * Returns the stored runs.
	 * @return a snapshot of the runs
	 */
	public List<StoredRun> runs() {
		synchronized (this.lock) {
			return List.copyOf(this.tables.runs.values());
		}
	}

	/**
	 * Returns the stored spans.
	 * @return a snapshot of the spans
	 */
	public List<StoredSpan> spans() {
		synchronized (this.lock) {
			return List.copyOf(this.tables.spans.values());
		}
	}

	/**
	 * Returns the stored events.
	 * @return a snapshot of the events
	 */
	public List<StoredEvent> events() {
		synchronized (this.lock) {
			return List.copyOf(this.tables.events.values());
		}
	}

	/**
	 * Returns the stored scores.
	 * @return a snapshot of the scores
	 */
	public List<StoredScore> scores() {
		synchronized (this.lock) {
			return List.copyOf(this.tables.scores.values());
		}
	}

	/**
	 * Returns the stored prompt links.
	 * @return a snapshot of the prompt links
	 */
	public List<StoredPromptLink> promptLinks() {
		synchronized (this.lock) {
			return List.copyOf(this.tables.promptLinks.values());
		}
	}

	/**
	 * Finds a session.
	 * @param id the session id
	 * @return the session, if stored
	 */
	public Optional<StoredSession> session(UUID id) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.tables.sessions.get(id));
		}
	}

	/**
	 * Finds a run.
	 * @param id the run id
	 * @return the run, if stored
	 */
	public Optional<StoredRun> run(UUID id) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.tables.runs.get(id));
		}
	}

	/**
	 * Finds a span.
	 * @param id the span id
	 * @return the span, if stored
	 */
	public Optional<StoredSpan> span(UUID id) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.tables.spans.get(id));
		}
	}

	/**
	 * Finds an event.
	 * @param id the event id
	 * @return the event, if stored
	 */
	public Optional<StoredEvent> event(UUID id) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.tables.events.get(id));
		}
	}

	/**
	 * Finds a score.
	 * @param id the score id
	 * @return the score, if stored
	 */
	public Optional<StoredScore> score(UUID id) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.tables.scores.get(id));
		}
	}

	/**
	 * Returns the runs of a session.
	 * @param sessionId the session id
	 * @return the runs, ordered by start time
	 */
	public List<StoredRun> runsOf(UUID sessionId) {
		return sorted(select(this.tables.runs, (run) -> run.sessionId().equals(sessionId)),
				Comparator.comparing(StoredRun::startedAt));
	}

	/**
	 * Returns the spans of a run.
	 * @param runId the run id
	 * @return the spans, ordered by start time
	 */
	public List<StoredSpan> spansOf(UUID runId) {
		return sorted(select(this.tables.spans, (span) -> span.runId().equals(runId)),
				Comparator.comparing(StoredSpan::startedAt));
	}

	/**
	 * Returns the events of a run.
	 * @param runId the run id
	 * @return the events, ordered by creation time
	 */
	public List<StoredEvent> eventsOf(UUID runId) {
		return sorted(select(this.tables.events, (event) -> event.runId().equals(runId)),
				Comparator.comparing(StoredEvent::createdAt));
	}

	/**
	 * Returns the scores of a run.
	 * @param runId the run id
	 * @return the scores, in the order they were first stored
	 */
	public List<StoredScore> scoresOf(UUID runId) {
		return select(this.tables.scores, (score) -> score.traceId().equals(runId));
	}

	/**
	 * Returns the prompt links of a run.
	 * @param runId the run id
	 * @return the prompt links, in the order they were first stored
	 */
	public List<StoredPromptLink> promptLinksOf(UUID runId) {
		return select(this.tables.promptLinks, (link) -> link.traceId().equals(runId));
	}

	/**
	 * Returns how many records of each kind are stored.
	 * @return the counts
	 */
	public Counts counts() {
		synchronized (this.lock) {
			return this.tables.counts();
		}
	}

	/**
	 * Returns how many batches were stored.
	 * @return the number of accepted batches
	 */
	public int acceptedBatches() {
		synchronized (this.lock) {
			return this.acceptedBatches;
		}
	}

	/**
	 * Returns how many batches were rejected, for whatever reason (invalid JSON or shape, invalid references,
	 * U+0000). Requests turned away before reading the batch (authentication, method, injected faults) do not count.
	 * @return the number of rejected batches
	 */
	public int rejectedBatches() {
		synchronized (this.lock) {
			return this.rejectedBatches;
		}
	}

	/**
	 * Returns the error texts of rejected batches, oldest first (the last {@value #MAX_REJECTION_MESSAGES}).
	 * @return the messages
	 */
	public List<String> rejectionMessages() {
		synchronized (this.lock) {
			return List.copyOf(this.rejectionMessages);
		}
	}

	/**
	 * Removes every record and resets the counters; the {@link #prompts() prompts} stay defined.
	 */
	public void clear() {
		synchronized (this.lock) {
			this.tables.clear();
			this.rejectionMessages.clear();
			this.acceptedBatches = 0;
			this.rejectedBatches = 0;
		}
	}

	@Override
	public String toString() {
		return "LocalStore" + counts();
	}

	private <K, V> List<V> select(Map<K, V> records, Predicate<V> filter) {
		synchronized (this.lock) {
			return records.values().stream().filter(filter).toList();
		}
	}

	private static <V> List<V> sorted(List<V> records, Comparator<V> order) {
		List<V> result = new ArrayList<>(records);
		result.sort(order);
		return List.copyOf(result);
	}

	/**
	 * How many records of each kind a store holds.
	 *
	 * @param sessions the number of sessions
	 * @param runs the number of runs
	 * @param spans the number of spans
	 * @param events the number of events
	 * @param scores the number of scores
	 * @param promptLinks the number of prompt links
	 * @since 0.1.0
	 */
	public record Counts(int sessions, int runs, int spans, int events, int scores, int promptLinks) {

	}

}
