package ai.northstar.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

import static ai.northstar.local.TestBatches.add;
import static ai.northstar.local.TestBatches.batch;
import static ai.northstar.local.TestBatches.event;
import static ai.northstar.local.TestBatches.run;
import static ai.northstar.local.TestBatches.score;
import static ai.northstar.local.TestBatches.session;
import static ai.northstar.local.TestBatches.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalStore}.
 */
class LocalStoreTests {

	private final LocalStore store = TestBatches.store();

	@Test
	void shouldStoreEveryRecordWhenBatchIsValid() {
		TestBatches.Full full = TestBatches.full();
		IngestResult result = this.store.ingest(full.batch());
		assertThat(result).isEqualTo(new IngestResult(IngestResult.Kind.ACCEPTED, null));
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(this.store.counts()).isEqualTo(new LocalStore.Counts(1, 1, 1, 1, 1, 1));
		assertThat(this.store.acceptedBatches()).isEqualTo(1);
		assertThat(this.store.rejectedBatches()).isZero();
		StoredRun run = this.store.run(full.runId()).orElseThrow();
		assertThat(run.sessionId()).isEqualTo(full.sessionId());
		assertThat(run.name()).isEqualTo("answer");
		assertThat(run.startedAt()).isEqualTo(Instant.parse(TestBatches.STARTED));
		assertThat(run.metadata().get("project").stringValue()).isEqualTo("demo");
		StoredSpan span = this.store.span(full.spanId()).orElseThrow();
		assertThat(span.iteration()).isEqualTo(1);
		assertThat(span.kind()).isEqualTo("tool");
		assertThat(this.store.eventsOf(full.runId())).singleElement()
			.satisfies((event) -> assertThat(event.content().stringValue()).isEqualTo("hello"));
		assertThat(this.store.scoresOf(full.runId())).singleElement()
			.satisfies((score) -> assertThat(score.value()).isEqualTo(0.9));
		assertThat(this.store.promptLinksOf(full.runId())).singleElement()
			.satisfies((link) -> assertThat(link.variableValues().get("city").stringValue()).isEqualTo("Paris"));
		assertThat(this.store.spansOf(full.runId())).containsExactly(span);
		assertThat(this.store.runsOf(full.sessionId())).containsExactly(run);
	}

	@Test
	void shouldRejectWholeBatchWhenRunSessionIsUnknown() {
		UUID sessionId = UUID.randomUUID();
		ObjectNode batch = add(batch(), "sessions", session(sessionId));
		add(batch, "runs", run(UUID.randomUUID(), sessionId), run(UUID.randomUUID(), UUID.randomUUID()));
		IngestResult result = this.store.ingest(batch);
		assertThat(result).isEqualTo(
				new IngestResult(IngestResult.Kind.INVALID_REFERENCES, "Payload contains invalid project references"));
		assertThat(result.httpStatus()).isEqualTo(400);
		assertThat(this.store.counts()).isEqualTo(new LocalStore.Counts(0, 0, 0, 0, 0, 0));
		assertThat(this.store.rejectedBatches()).isEqualTo(1);
		assertThat(this.store.rejectionMessages()).containsExactly(IngestResult.INVALID_REFERENCES);
	}

	@Test
	void shouldAcceptRunWhenSessionCameInEarlierBatch() {
		UUID sessionId = UUID.randomUUID();
		assertThat(this.store.ingest(add(batch(), "sessions", session(sessionId))).isAccepted()).isTrue();
		assertThat(this.store.ingest(add(batch(), "runs", run(UUID.randomUUID(), sessionId))).isAccepted()).isTrue();
		assertThat(this.store.counts().runs()).isEqualTo(1);
	}

	@Test
	void shouldStoreSpansWhenChildrenPrecedeParentsInBatch() {
		UUID sessionId = UUID.randomUUID();
		UUID runId = UUID.randomUUID();
		UUID root = UUID.randomUUID();
		UUID child = UUID.randomUUID();
		UUID grandChild = UUID.randomUUID();
		ObjectNode batch = add(batch(), "sessions", session(sessionId));
		add(batch, "runs", run(runId, sessionId));
		add(batch, "spans", span(grandChild, runId, child), span(child, runId, root), span(root, runId, null));
		add(batch, "events", event(UUID.randomUUID(), runId, grandChild));
		assertThat(this.store.ingest(batch).isAccepted()).isTrue();
		assertThat(this.store.spans()).extracting(StoredSpan::id).containsExactly(root, child, grandChild);
		assertThat(this.store.span(grandChild).orElseThrow().parentSpanId()).isEqualTo(child);
	}

	@Test
	void shouldRejectSpanWhenParentIsUnknown() {
		UUID runId = givenRun();
		assertRejected(add(batch(), "spans", span(UUID.randomUUID(), runId, UUID.randomUUID())));
	}

	@Test
	void shouldRejectSpanWhenRunIsUnknown() {
		assertRejected(add(batch(), "spans", span(UUID.randomUUID(), UUID.randomUUID(), null)));
	}

	@Test
	void shouldRejectSpansWhenParentsFormACycle() {
		UUID runId = givenRun();
		UUID a = UUID.randomUUID();
		UUID b = UUID.randomUUID();
		assertRejected(add(batch(), "spans", span(a, runId, b), span(b, runId, a)));
	}

	@Test
	void shouldAcceptSpanWhenParentCameInEarlierBatch() {
		UUID runId = givenRun();
		UUID parent = UUID.randomUUID();
		assertThat(this.store.ingest(add(batch(), "spans", span(parent, runId, null))).isAccepted()).isTrue();
		assertThat(this.store.ingest(add(batch(), "spans", span(UUID.randomUUID(), runId, parent))).isAccepted())
			.isTrue();
	}

	@Test
	void shouldRejectEventWhenRunOrSpanIsUnknown() {
		UUID runId = givenRun();
		assertRejected(add(batch(), "events", event(UUID.randomUUID(), UUID.randomUUID(), null)));
		assertRejected(add(batch(), "events", event(UUID.randomUUID(), runId, UUID.randomUUID())));
	}

	@Test
	void shouldRejectScoreWhenRunIsUnknown() {
		assertRejected(add(batch(), "scores", score(UUID.randomUUID(), UUID.randomUUID(), null)));
	}

	@Test
	void shouldRejectScoreWhenSpanBelongsToAnotherRun() {
		UUID runId = givenRun();
		UUID otherRunId = givenRun();
		UUID spanId = UUID.randomUUID();
		assertThat(this.store.ingest(add(batch(), "spans", span(spanId, otherRunId, null))).isAccepted()).isTrue();
		assertRejected(add(batch(), "scores", score(UUID.randomUUID(), runId, spanId)));
		assertThat(this.store.ingest(add(batch(), "scores", score(UUID.randomUUID(), otherRunId, spanId)))
			.isAccepted()).isTrue();
	}

	@Test
	void shouldFailWithServerErrorWhenPromptLinkSpanBelongsToAnotherRun() {
		UUID runId = givenRun();
		UUID otherRunId = givenRun();
		UUID spanId = UUID.randomUUID();
		assertThat(this.store.ingest(add(batch(), "spans", span(spanId, otherRunId, null))).isAccepted()).isTrue();
		IngestResult result = this.store
			.ingest(add(batch(), "prompt_links", TestBatches.promptLink(runId, spanId, TestBatches.PROMPT.versionId())));
		assertThat(result).isEqualTo(new IngestResult(IngestResult.Kind.SERVER_ERROR, "Internal server error"));
		assertThat(result.httpStatus()).isEqualTo(500);
		assertThat(this.store.promptLinks()).isEmpty();
	}

	@Test
	void shouldRejectPromptLinkWhenSpanIsMissing() {
		UUID runId = givenRun();
		assertRejected(add(batch(), "prompt_links",
				TestBatches.promptLink(runId, UUID.randomUUID(), TestBatches.PROMPT.versionId())));
	}

	@Test
	void shouldRejectPromptLinkWhenPromptVersionIsUnknown() {
		UUID runId = givenRun();
		UUID spanId = UUID.randomUUID();
		ObjectNode batch = add(batch(), "spans", span(spanId, runId, null));
		add(batch, "prompt_links", TestBatches.promptLink(runId, spanId, UUID.randomUUID()));
		assertRejected(batch);
		assertThat(this.store.span(spanId)).isEmpty();
	}

	@Test
	void shouldFailWithServerErrorWhenPromptLinkVariableValuesAreNull() {
		UUID runId = givenRun();
		UUID spanId = UUID.randomUUID();
		ObjectNode link = TestBatches.promptLink(runId, spanId, TestBatches.PROMPT.versionId());
		link.putNull("variable_values");
		ObjectNode batch = add(batch(), "spans", span(spanId, runId, null));
		add(batch, "prompt_links", link);
		assertThat(this.store.ingest(batch).httpStatus()).isEqualTo(500);
		assertThat(this.store.span(spanId)).isEmpty();
	}

	@Test
	void shouldUpdateVariableValuesWhenPromptLinkIsResent() {
		TestBatches.Full full = TestBatches.full();
		assertThat(this.store.ingest(full.batch()).isAccepted()).isTrue();
		ObjectNode link = TestBatches.promptLink(full.runId(), full.spanId(), TestBatches.PROMPT.versionId());
		link.putObject("variable_values").put("city", "Zürich 🌧");
		assertThat(this.store.ingest(add(batch(), "prompt_links", link)).isAccepted()).isTrue();
		assertThat(this.store.promptLinks()).singleElement()
			.satisfies((stored) -> assertThat(stored.variableValues().get("city").stringValue()).isEqualTo("Zürich 🌧"));
	}

	@Test
	void shouldStoreNothingWhenLastRecordOfBatchFails() {
		TestBatches.Full full = TestBatches.full();
		add(full.batch(), "scores", score(UUID.randomUUID(), UUID.randomUUID(), null));
		assertThat(this.store.ingest(full.batch()).kind()).isEqualTo(IngestResult.Kind.INVALID_REFERENCES);
		assertThat(this.store.counts()).isEqualTo(new LocalStore.Counts(0, 0, 0, 0, 0, 0));
	}

	@Test
	void shouldKeepFirstCreatedAtAndCoalesceEndedAtWhenSessionIsResent() {
		UUID sessionId = UUID.randomUUID();
		ObjectNode first = session(sessionId);
		this.store.ingest(add(batch(), "sessions", first));
		ObjectNode ended = session(sessionId).put("created_at", "2030-01-01T00:00:00Z").put("ended_at", TestBatches.ENDED);
		ended.putObject("metadata").put("turns", 3);
		this.store.ingest(add(batch(), "sessions", ended));
		this.store.ingest(add(batch(), "sessions", session(sessionId).put("created_at", "2031-01-01T00:00:00Z")));
		StoredSession stored = this.store.session(sessionId).orElseThrow();
		assertThat(stored.createdAt()).isEqualTo(Instant.parse(TestBatches.STARTED));
		assertThat(stored.endedAt()).isEqualTo(Instant.parse(TestBatches.ENDED));
		assertThat(stored.metadata().get("user").stringValue()).isEqualTo("alice");
		assertThat(stored.metadata().has("turns")).isFalse();
		assertThat(this.store.counts().sessions()).isEqualTo(1);
	}

	@Test
	void shouldApplyLastWriteWinsWhenRunIsResent() {
		UUID sessionId = UUID.randomUUID();
		UUID runId = UUID.randomUUID();
		this.store.ingest(add(add(batch(), "sessions", session(sessionId)), "runs", run(runId, sessionId)));
		ObjectNode finished = run(runId, sessionId).put("name", "renamed")
			.put("started_at", "2030-01-01T00:00:00Z")
			.put("ended_at", TestBatches.ENDED)
			.put("status", "error");
		finished.putObject("error").put("type", "IllegalStateException").put("message", "boom");
		this.store.ingest(add(batch(), "runs", finished));
		StoredRun stored = this.store.run(runId).orElseThrow();
		assertThat(stored.name()).isEqualTo("answer");
		assertThat(stored.startedAt()).isEqualTo(Instant.parse(TestBatches.STARTED));
		assertThat(stored.status()).isEqualTo("error");
		assertThat(stored.error().get("message").stringValue()).isEqualTo("boom");

		ObjectNode stale = run(runId, sessionId);
		stale.remove("metadata");
		this.store.ingest(add(batch(), "runs", stale));
		StoredRun regressed = this.store.run(runId).orElseThrow();
		assertThat(regressed.status()).isEqualTo("running");
		assertThat(regressed.endedAt()).isEqualTo(Instant.parse(TestBatches.ENDED));
		assertThat(regressed.error()).isNull();
		assertThat(regressed.metadata().isEmpty()).isTrue();
	}

	@Test
	void shouldReplaceStatusAndAttributesWhenSpanIsResent() {
		UUID runId = givenRun();
		UUID spanId = UUID.randomUUID();
		this.store.ingest(add(batch(), "spans", span(spanId, runId, null)));
		ObjectNode ended = span(spanId, runId, null).put("name", "other")
			.put("kind", "model")
			.put("status", "ok")
			.put("ended_at", TestBatches.ENDED);
		ended.putObject("attributes").put("latency_ms", 12);
		this.store.ingest(add(batch(), "spans", ended));
		StoredSpan stored = this.store.span(spanId).orElseThrow();
		assertThat(stored.name()).isEqualTo("search");
		assertThat(stored.kind()).isEqualTo("tool");
		assertThat(stored.status()).isEqualTo("ok");
		assertThat(stored.endedAt()).isEqualTo(Instant.parse(TestBatches.ENDED));
		assertThat(stored.attributes().has("model")).isFalse();
		assertThat(stored.attributes().get("latency_ms").intValue()).isEqualTo(12);
	}

	@Test
	void shouldReplaceContentWhenEventIsResent() {
		UUID runId = givenRun();
		UUID eventId = UUID.randomUUID();
		this.store.ingest(add(batch(), "events", event(eventId, runId, null)));
		this.store.ingest(add(batch(), "events", event(eventId, runId, null).putNull("content").put("type", "custom")));
		StoredEvent stored = this.store.event(eventId).orElseThrow();
		assertThat(stored.content().isNull()).isTrue();
		assertThat(stored.type()).isEqualTo("user_input");
		assertThat(this.store.counts().events()).isEqualTo(1);
	}

	@Test
	void shouldCountRejectionWhenBatchIsInvalid() {
		IngestResult result = this.store.ingest(batch().put("schema_version", 7));
		assertThat(result).isEqualTo(new IngestResult(IngestResult.Kind.INVALID, "schema_version must be 1 or 2"));
		assertThat(this.store.rejectedBatches()).isEqualTo(1);
		assertThat(this.store.rejectionMessages()).containsExactly("schema_version must be 1 or 2");
	}

	@Test
	void shouldFailWithServerErrorWhenBatchContainsNul() {
		TestBatches.Full full = TestBatches.full();
		TestBatches.first(full.batch(), "sessions").withObject("metadata").put("note", "a\u0000");
		IngestResult result = this.store.ingest(full.batch());
		assertThat(result.kind()).isEqualTo(IngestResult.Kind.SERVER_ERROR);
		assertThat(result.httpStatus()).isEqualTo(500);
		assertThat(this.store.counts().sessions()).isZero();
	}

	@Test
	void shouldReturnSnapshotsWhenCallerChangesThem() {
		TestBatches.Full full = TestBatches.full();
		this.store.ingest(full.batch());
		this.store.run(full.runId()).orElseThrow().metadata().put("project", "changed");
		TestBatches.first(full.batch(), "runs").withObject("metadata").put("project", "changed too");
		assertThat(this.store.run(full.runId()).orElseThrow().metadata().get("project").stringValue())
			.isEqualTo("demo");
	}

	@Test
	void shouldForgetEverythingWhenCleared() {
		this.store.ingest(TestBatches.full().batch());
		this.store.ingest(batch().put("schema_version", 7));
		this.store.clear();
		assertThat(this.store.counts()).isEqualTo(new LocalStore.Counts(0, 0, 0, 0, 0, 0));
		assertThat(this.store.acceptedBatches()).isZero();
		assertThat(this.store.rejectedBatches()).isZero();
		assertThat(this.store.rejectionMessages()).isEmpty();
	}

	@Test
	@Timeout(10)
	void shouldKeepEveryBatchWhenIngestingConcurrently() throws Exception {
		int threads = 4;
		int batchesPerThread = 50;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < batchesPerThread; i++) {
						assertThat(this.store.ingest(TestBatches.full().batch()).isAccepted()).isTrue();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		int total = threads * batchesPerThread;
		assertThat(this.store.counts()).isEqualTo(new LocalStore.Counts(total, total, total, total, total, total));
		assertThat(this.store.acceptedBatches()).isEqualTo(total);
	}

	private UUID givenRun() {
		UUID sessionId = UUID.randomUUID();
		UUID runId = UUID.randomUUID();
		assertThat(this.store.ingest(add(add(batch(), "sessions", session(sessionId)), "runs", run(runId, sessionId)))
			.isAccepted()).isTrue();
		return runId;
	}

	private void assertRejected(ObjectNode batch) {
		LocalStore.Counts before = this.store.counts();
		assertThat(this.store.ingest(batch))
			.isEqualTo(new IngestResult(IngestResult.Kind.INVALID_REFERENCES, IngestResult.INVALID_REFERENCES));
		assertThat(this.store.counts()).isEqualTo(before);
	}

}
