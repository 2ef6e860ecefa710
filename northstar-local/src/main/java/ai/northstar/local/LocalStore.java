package ai.northstar.local;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

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

	private final Map<UUID, StoredSession> sessions = new LinkedHashMap<>();

	private final Map<UUID, StoredRun> runs = new LinkedHashMap<>();

	private final Map<UUID, StoredSpan> spans = new LinkedHashMap<>();

	private final Map<UUID, StoredEvent> events = new LinkedHashMap<>();

	private final Map<UUID, StoredScore> scores = new LinkedHashMap<>();

	private final Map<List<UUID>, StoredPromptLink> promptLinks = new LinkedHashMap<>();

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
			Transaction transaction = new Transaction();
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
			return List.copyOf(this.sessions.values());
		}
	}

	/**
	 * Returns the stored runs.
	 * @return a snapshot of the runs
	 */
	public List<StoredRun> runs() {
		synchronized (this.lock) {
			return List.copyOf(this.runs.values());
		}
	}

	/**
	 * Returns the stored spans.
	 * @return a snapshot of the spans
	 */
	public List<StoredSpan> spans() {
		synchronized (this.lock) {
			return List.copyOf(this.spans.values());
		}
	}

	/**
	 * Returns the stored events.
	 * @return a snapshot of the events
	 */
	public List<StoredEvent> events() {
		synchronized (this.lock) {
			return List.copyOf(this.events.values());
		}
	}

	/**
	 * Returns the stored scores.
	 * @return a snapshot of the scores
	 */
	public List<StoredScore> scores() {
		synchronized (this.lock) {
			return List.copyOf(this.scores.values());
		}
	}

	/**
	 * Returns the stored prompt links.
	 * @return a snapshot of the prompt links
	 */
	public List<StoredPromptLink> promptLinks() {
		synchronized (this.lock) {
			return List.copyOf(this.promptLinks.values());
		}
	}

	/**
	 * Finds a session.
	 * @param id the session id
	 * @return the session, if stored
	 */
	public Optional<StoredSession> session(UUID id) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.sessions.get(id));
		}
	}

	/**
	 * Finds a run.
	 * @param id the run id
	 * @return the run, if stored
	 */
	public Optional<StoredRun> run(UUID id) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.runs.get(id));
		}
	}

	/**
	 * Finds a span.
	 * @param id the span id
	 * @return the span, if stored
	 */
	public Optional<StoredSpan> span(UUID id) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.spans.get(id));
		}
	}

	/**
	 * Finds an event.
	 * @param id the event id
	 * @return the event, if stored
	 */
	public Optional<StoredEvent> event(UUID id) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.events.get(id));
		}
	}

	/**
	 * Finds a score.
	 * @param id the score id
	 * @return the score, if stored
	 */
	public Optional<StoredScore> score(UUID id) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.scores.get(id));
		}
	}

	/**
	 * Returns the runs of a session.
	 * @param sessionId the session id
	 * @return the runs, ordered by start time
	 */
	public List<StoredRun> runsOf(UUID sessionId) {
		return sorted(select(this.runs, (run) -> run.sessionId().equals(sessionId)),
				Comparator.comparing(StoredRun::startedAt));
	}

	/**
	 * Returns the spans of a run.
	 * @param runId the run id
	 * @return the spans, ordered by start time
	 */
	public List<StoredSpan> spansOf(UUID runId) {
		return sorted(select(this.spans, (span) -> span.runId().equals(runId)),
				Comparator.comparing(StoredSpan::startedAt));
	}

	/**
	 * Returns the events of a run.
	 * @param runId the run id
	 * @return the events, ordered by creation time
	 */
	public List<StoredEvent> eventsOf(UUID runId) {
		return sorted(select(this.events, (event) -> event.runId().equals(runId)),
				Comparator.comparing(StoredEvent::createdAt));
	}

	/**
	 * Returns the scores of a run.
	 * @param runId the run id
	 * @return the scores, in the order they were first stored
	 */
	public List<StoredScore> scoresOf(UUID runId) {
		return select(this.scores, (score) -> score.traceId().equals(runId));
	}

	/**
	 * Returns the prompt links of a run.
	 * @param runId the run id
	 * @return the prompt links, in the order they were first stored
	 */
	public List<StoredPromptLink> promptLinksOf(UUID runId) {
		return select(this.promptLinks, (link) -> link.traceId().equals(runId));
	}

	/**
	 * Returns how many records of each kind are stored.
	 * @return the counts
	 */
	public Counts counts() {
		synchronized (this.lock) {
			return new Counts(this.sessions.size(), this.runs.size(), this.spans.size(), this.events.size(),
					this.scores.size(), this.promptLinks.size());
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
			this.sessions.clear();
			this.runs.clear();
			this.spans.clear();
			this.events.clear();
			this.scores.clear();
			this.promptLinks.clear();
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

	private static UUID uuid(JsonNode record, String key) {
		return UUID.fromString(record.get(key).stringValue());
	}

	private static @Nullable UUID optionalUuid(JsonNode record, String key) {
		JsonNode value = record.get(key);
		return (value != null) ? UUID.fromString(value.stringValue()) : null;
	}

	private static Instant instant(JsonNode record, String key) {
		Instant instant = optionalInstant(record, key);
		if (instant == null) {
			throw new IllegalStateException(key + " was validated");
		}
		return instant;
	}

	private static @Nullable Instant optionalInstant(JsonNode record, String key) {
		JsonNode value = record.get(key);
		return (value != null) ? Timestamps.parse(value.stringValue()) : null;
	}

	private static ObjectNode object(JsonNode record, String key) {
		JsonNode value = record.get(key);
		return (value != null) ? (ObjectNode) value : JsonNodeFactory.instance.objectNode();
	}

	private static @Nullable ObjectNode optionalObject(JsonNode record, String key) {
		return (ObjectNode) record.get(key);
	}

	private static List<JsonNode> records(JsonNode batch, String key) {
		JsonNode array = batch.get(key);
		return (array != null) ? List.copyOf(array.values()) : List.of();
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

	/**
	 * The writes of one batch, visible to its later records, committed only when every record applied.
	 */
	private final class Transaction {

		private final Map<UUID, StoredSession> sessions = new LinkedHashMap<>();

		private final Map<UUID, StoredRun> runs = new LinkedHashMap<>();

		private final Map<UUID, StoredSpan> spans = new LinkedHashMap<>();

		private final Map<UUID, StoredEvent> events = new LinkedHashMap<>();

		private final Map<UUID, StoredScore> scores = new LinkedHashMap<>();

		private final Map<List<UUID>, StoredPromptLink> promptLinks = new LinkedHashMap<>();

		/** Applies the batch; returns {@code null} when every record applied, else why the batch fails. */
		IngestResult.@Nullable Kind apply(JsonNode batch) {
			for (JsonNode session : records(batch, "sessions")) {
				applySession(session);
			}
			for (JsonNode run : records(batch, "runs")) {
				if (!applyRun(run)) {
					return IngestResult.Kind.INVALID_REFERENCES;
				}
			}
			for (JsonNode span : IngestOrder.parentsFirst(records(batch, "spans"))) {
				if (!applySpan(span)) {
					return IngestResult.Kind.INVALID_REFERENCES;
				}
			}
			for (JsonNode event : records(batch, "events")) {
				if (!applyEvent(event)) {
					return IngestResult.Kind.INVALID_REFERENCES;
				}
			}
			for (JsonNode link : records(batch, "prompt_links")) {
				IngestResult.Kind failure = applyPromptLink(link);
				if (failure != null) {
					return failure;
				}
			}
			for (JsonNode score : records(batch, "scores")) {
				if (!applyScore(score)) {
					return IngestResult.Kind.INVALID_REFERENCES;
				}
			}
			return null;
		}

		void commit() {
			LocalStore.this.sessions.putAll(this.sessions);
			LocalStore.this.runs.putAll(this.runs);
			LocalStore.this.spans.putAll(this.spans);
			LocalStore.this.events.putAll(this.events);
			LocalStore.this.scores.putAll(this.scores);
			LocalStore.this.promptLinks.putAll(this.promptLinks);
		}

		private void applySession(JsonNode record) {
			UUID id = uuid(record, "id");
			StoredSession old = find(this.sessions, LocalStore.this.sessions, id);
			Instant endedAt = optionalInstant(record, "ended_at");
			this.sessions.put(id,
					new StoredSession(id, (old != null) ? old.createdAt() : instant(record, "created_at"),
							(endedAt != null) ? endedAt : ((old != null) ? old.endedAt() : null),
							object(record, "metadata")));
		}

		private boolean applyRun(JsonNode record) {
			UUID id = uuid(record, "id");
			UUID sessionId = uuid(record, "session_id");
			if (find(this.sessions, LocalStore.this.sessions, sessionId) == null) {
				return false;
			}
			StoredRun old = find(this.runs, LocalStore.this.runs, id);
			Instant endedAt = optionalInstant(record, "ended_at");
			this.runs.put(id, new StoredRun(id, (old != null) ? old.sessionId() : sessionId,
					(old != null) ? old.name() : record.get("name").stringValue(),
					(old != null) ? old.startedAt() : instant(record, "started_at"),
					(endedAt != null) ? endedAt : ((old != null) ? old.endedAt() : null),
					record.get("status").stringValue(), optionalObject(record, "error"), object(record, "metadata")));
			return true;
		}

		private boolean applySpan(JsonNode record) {
			UUID id = uuid(record, "id");
			UUID runId = uuid(record, "run_id");
			UUID parentSpanId = optionalUuid(record, "parent_span_id");
			if (find(this.runs, LocalStore.this.runs, runId) == null
					|| (parentSpanId != null && find(this.spans, LocalStore.this.spans, parentSpanId) == null)) {
				return false;
			}
			StoredSpan old = find(this.spans, LocalStore.this.spans, id);
			Instant endedAt = optionalInstant(record, "ended_at");
			JsonNode iteration = record.get("iteration");
			if (old != null) {
				this.spans.put(id,
						new StoredSpan(id, old.runId(), old.parentSpanId(), old.kind(), old.name(), old.startedAt(),
								(endedAt != null) ? endedAt : old.endedAt(), record.get("status").stringValue(),
								optionalObject(record, "error"), old.iteration(), object(record, "attributes")));
			}
			else {
				this.spans.put(id, new StoredSpan(id, runId, parentSpanId, record.get("kind").stringValue(),
						record.get("name").stringValue(), instant(record, "started_at"), endedAt,
						record.get("status").stringValue(), optionalObject(record, "error"),
						(iteration != null) ? (int) iteration.doubleValue() : null, object(record, "attributes")));
			}
			return true;
		}

		private boolean applyEvent(JsonNode record) {
			UUID id = uuid(record, "id");
			UUID runId = uuid(record, "run_id");
			UUID spanId = optionalUuid(record, "span_id");
			if (find(this.runs, LocalStore.this.runs, runId) == null
					|| (spanId != null && find(this.spans, LocalStore.this.spans, spanId) == null)) {
				return false;
			}
			StoredEvent old = find(this.events, LocalStore.this.events, id);
			JsonNode content = record.get("content");
			if (old != null) {
				this.events.put(id, new StoredEvent(id, old.runId(), old.spanId(), old.type(), old.createdAt(),
						content, object(record, "attributes")));
			}
			else {
				this.events.put(id, new StoredEvent(id, runId, spanId, record.get("type").stringValue(),
						instant(record, "created_at"), content, object(record, "attributes")));
			}
			return true;
		}

		/**
		 * Applies a prompt link with the backend's checks, in its order: a missing span is an invalid reference, a
		 * span of another run a database error, an unknown prompt version an invalid reference (a foreign key), and
		 * {@code variable_values: null} a database error (a check constraint).
		 */
		private IngestResult.@Nullable Kind applyPromptLink(JsonNode record) {
			UUID traceId = uuid(record, "trace_id");
			UUID spanId = uuid(record, "span_id");
			UUID promptVersionId = uuid(record, "prompt_version_id");
			StoredSpan span = find(this.spans, LocalStore.this.spans, spanId);
			if (span == null) {
				return IngestResult.Kind.INVALID_REFERENCES;
			}
			if (!span.runId().equals(traceId)) {
				return IngestResult.Kind.SERVER_ERROR;
			}
			if (LocalStore.this.prompts.version(promptVersionId).isEmpty()) {
				return IngestResult.Kind.INVALID_REFERENCES;
			}
			JsonNode values = record.get("variable_values");
			if (values != null && values.isNull()) {
				return IngestResult.Kind.SERVER_ERROR;
			}
			this.promptLinks.put(List.of(spanId, promptVersionId),
					new StoredPromptLink(traceId, spanId, promptVersionId, object(record, "variable_values")));
			return null;
		}

		private boolean applyScore(JsonNode record) {
			UUID id = uuid(record, "id");
			UUID traceId = uuid(record, "trace_id");
			UUID spanId = optionalUuid(record, "span_id");
			if (find(this.runs, LocalStore.this.runs, traceId) == null) {
				return false;
			}
			if (spanId != null) {
				StoredSpan span = find(this.spans, LocalStore.this.spans, spanId);
				if (span == null || !span.runId().equals(traceId)) {
					return false;
				}
			}
			JsonNode stringValue = record.get("string_value");
			JsonNode comment = record.get("comment");
			this.scores.put(id,
					new StoredScore(id, traceId, spanId, record.get("name").stringValue(),
							record.get("value").doubleValue(), record.get("data_type").stringValue(),
							(stringValue != null) ? stringValue.stringValue() : null,
							record.get("source").stringValue(), (comment != null) ? comment.stringValue() : null,
							instant(record, "created_at")));
			return true;
		}

		private static <V> @Nullable V find(Map<UUID, V> staged, Map<UUID, V> committed, UUID id) {
			V value = staged.get(id);
			return (value != null) ? value : committed.get(id);
		}

	}

}
