package ai.northstar.local.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.northstar.local.IngestResult;
import ai.northstar.local.LocalStore;
import ai.northstar.local.PromptDefinition;
import ai.northstar.local.PromptVersion;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static ai.northstar.local.jdbc.Batches.ENDED;
import static ai.northstar.local.jdbc.Batches.STARTED;
import static ai.northstar.local.jdbc.Batches.WORLD;
import static ai.northstar.local.jdbc.Batches.add;
import static ai.northstar.local.jdbc.Batches.batch;
import static ai.northstar.local.jdbc.Batches.event;
import static ai.northstar.local.jdbc.Batches.promptLink;
import static ai.northstar.local.jdbc.Batches.run;
import static ai.northstar.local.jdbc.Batches.score;
import static ai.northstar.local.jdbc.Batches.session;
import static ai.northstar.local.jdbc.Batches.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcStore}: the contract every database it runs on must meet (upserts, referential rules, one
 * transaction per batch, retention, prompts, restart), and the same answers as the in-memory {@link LocalStore}.
 * Subclasses supply the database.
 */
@Timeout(60)
abstract class JdbcStoreContractTests {

	protected JdbcStore store;

	private final List<JdbcStore> opened = new ArrayList<>();

	/** Opens a store on the test's database; the same database each time within one test. */
	protected abstract JdbcStore open(int maxRuns);

	@BeforeEach
	void openStore() {
		this.store = reopen(JdbcStore.DEFAULT_MAX_RUNS);
	}

	@AfterEach
	void closeStores() {
		this.opened.forEach(JdbcStore::close);
	}

	protected JdbcStore reopen(int maxRuns) {
		JdbcStore store = open(maxRuns);
		this.opened.add(store);
		return store;
	}

	@Test
	void shouldKeepTheOrderRecordsWereSentInWhenTheyShareATimestampAsTheInMemoryStoreDoes() {
		// A fixed clock, or a coarse one: every span starts, and every event and score is made, at the same instant.
		UUID sessionId = UUID.randomUUID();
		UUID runId = UUID.randomUUID();
		ObjectNode batch = add(batch(), "sessions", session(sessionId));
		add(batch, "runs", run(runId, sessionId));
		List<UUID> spans = new ArrayList<>();
		List<UUID> events = new ArrayList<>();
		List<UUID> scores = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			spans.add(UUID.randomUUID());
			add(batch, "spans", span(spans.get(i), runId, null));
			events.add(UUID.randomUUID());
			add(batch, "events", event(events.get(i), runId, null, (i % 2 == 0) ? "tool_arguments" : "tool_result",
					"étape " + i + " 🔁"));
			scores.add(UUID.randomUUID());
			add(batch, "scores", score(scores.get(i), runId, null));
		}
		LocalStore memory = LocalStore.create();
		assertThat(memory.ingest(batch).isAccepted()).isTrue();
		assertThat(this.store.ingest(batch).isAccepted()).isTrue();

		assertThat(memory.spansOf(runId)).extracting(StoredSpan::id).as("in memory").isEqualTo(spans);
		RunDetail trace = this.store.queries().run(runId).orElseThrow();
		assertThat(trace.spans()).extracting(StoredSpan::id).isEqualTo(spans);
		assertThat(trace.events()).extracting(StoredEvent::id).isEqualTo(events);
		assertThat(trace.scores()).extracting(StoredScore::id).isEqualTo(scores);
	}

	@Test
	void shouldStoreEveryRecordExactlyWhenBatchIsValid() {
		Ids ids = new Ids();
		PromptVersion prompt = this.store.prompts().define(PromptDefinition.builder("Météo", "Temps à {{ city }} ?")
			.labels("prod")
			.build());
		ObjectNode batch = full(ids);
		add(batch, "prompt_links", promptLink(ids.run, ids.span, prompt.id()));
		assertAccepted(batch);
		assertThat(this.store.counts()).isEqualTo(new LocalStore.Counts(1, 1, 1, 2, 1, 1));
		RunDetail detail = this.store.queries().run(ids.run).orElseThrow();
		assertThat(detail.run().name()).isEqualTo("answer " + WORLD);
		assertThat(detail.run().startedAt()).isEqualTo(Instant.parse(STARTED));
		assertThat(detail.run().metadata().get("project").stringValue()).isEqualTo("démo 🚀");
		assertThat(detail.session().metadata().get("user 👤").stringValue()).isEqualTo(WORLD);
		StoredSpan span = detail.spans().get(0);
		assertThat(span.name()).isEqualTo("search " + WORLD);
		assertThat(span.iteration()).isEqualTo(1);
		assertThat(span.attributes().get("clé 🔑").stringValue()).isEqualTo(WORLD);
		assertThat(detail.events()).extracting((event) -> event.content().toString())
			.containsExactlyInAnyOrder("{\"question\":\"" + WORLD + "\"}", "null");
		assertThat(detail.scores()).singleElement().satisfies((score) -> {
			assertThat(score.name()).isEqualTo("précision 🎯");
			assertThat(score.comment()).isEqualTo(WORLD);
			assertThat(score.value()).isEqualTo(0.9);
		});
		assertThat(detail.prompts()).singleElement().satisfies((linked) -> {
			assertThat(linked.version().id()).isEqualTo(prompt.id());
			assertThat(linked.link().variableValues().get("city").stringValue()).isEqualTo("Zürich 🌧");
		});
		RunSummary summary = this.store.queries().runs(RunQuery.DEFAULT).runs().get(0);
		assertThat(summary.input()).isEqualTo(WORLD);
	}

	@Test
	void shouldStoreNothingOfTheBatchWhenItsLastRecordFails() {
		Ids ids = new Ids();
		ObjectNode batch = full(ids);
		add(batch, "scores", score(UUID.randomUUID(), UUID.randomUUID(), null));
		assertInvalidReferences(batch);
		assertThat(this.store.counts()).isEqualTo(new LocalStore.Counts(0, 0, 0, 0, 0, 0));
		assertAccepted(full(new Ids()));
	}

	@Test
	void shouldRejectBatchWhenAReferenceResolvesToNothing() {
		Ids ids = given(new Ids());
		assertInvalidReferences(add(batch(), "runs", run(UUID.randomUUID(), UUID.randomUUID())));
		assertInvalidReferences(add(batch(), "spans", span(UUID.randomUUID(), UUID.randomUUID(), null)));
		assertInvalidReferences(add(batch(), "spans", span(UUID.randomUUID(), ids.run, UUID.randomUUID())));
		assertInvalidReferences(add(batch(), "events", event(UUID.randomUUID(), UUID.randomUUID(), null, "custom", 1)));
		assertInvalidReferences(add(batch(), "events", event(UUID.randomUUID(), ids.run, UUID.randomUUID(), "custom", 1)));
		assertInvalidReferences(add(batch(), "scores", score(UUID.randomUUID(), UUID.randomUUID(), null)));
		assertThat(this.store.rejectedBatches()).isEqualTo(6);
	}

	@Test
	void shouldRejectScoreWhenItsSpanBelongsToAnotherRun() {
		Ids ids = given(new Ids());
		Ids other = given(new Ids());
		assertInvalidReferences(add(batch(), "scores", score(UUID.randomUUID(), ids.run, other.span)));
		assertAccepted(add(batch(), "scores", score(UUID.randomUUID(), other.run, other.span)));
	}

	@Test
	void shouldApplySpansParentsFirstWhenChildComesFirstInTheBatch() {
		Ids ids = new Ids();
		UUID child = UUID.randomUUID();
		UUID grandchild = UUID.randomUUID();
		ObjectNode batch = add(batch(), "sessions", session(ids.session));
		add(batch, "runs", run(ids.run, ids.session));
		add(batch, "spans", span(grandchild, ids.run, child), span(child, ids.run, ids.span), span(ids.span, ids.run, null));
		assertAccepted(batch);
		assertThat(this.store.queries().run(ids.run).orElseThrow().spans()).hasSize(3);
	}

	@Test
	void shouldKeepFirstNameAndStartAndCoalesceEndWhenRunIsResent() {
		Ids ids = given(new Ids());
		ObjectNode finished = run(ids.run, ids.session, "renamed", "2030-01-01T00:00:00Z").put("ended_at", ENDED)
			.put("status", "error");
		finished.putObject("error").put("type", "Fehler").put("message", WORLD);
		assertAccepted(add(batch(), "runs", finished));
		StoredRun stored = this.store.queries().run(ids.run).orElseThrow().run();
		assertThat(stored.name()).isEqualTo("answer " + WORLD);
		assertThat(stored.startedAt()).isEqualTo(Instant.parse(STARTED));
		assertThat(stored.endedAt()).isEqualTo(Instant.parse(ENDED));
		assertThat(stored.error().get("message").stringValue()).isEqualTo(WORLD);
		ObjectNode older = run(ids.run, ids.session);
		older.remove("metadata");
		assertAccepted(add(batch(), "runs", older));
		StoredRun regressed = this.store.queries().run(ids.run).orElseThrow().run();
		assertThat(regressed.status()).isEqualTo("running");
		assertThat(regressed.endedAt()).isEqualTo(Instant.parse(ENDED));
		assertThat(regressed.error()).isNull();
		assertThat(regressed.metadata().isEmpty()).isTrue();
	}

	@Test
	void shouldKeepFirstCreatedAtAndReplaceMetadataWhenSessionIsResent() {
		Ids ids = given(new Ids());
		ObjectNode resent = session(ids.session).put("created_at", "2031-01-01T00:00:00Z").put("ended_at", ENDED);
		resent.putObject("metadata").put("n", 2);
		assertAccepted(add(batch(), "sessions", resent));
		assertAccepted(add(batch(), "sessions", session(ids.session)));
		var session = this.store.queries().session(ids.session).orElseThrow().session();
		assertThat(session.createdAt()).isEqualTo(Instant.parse(STARTED));
		assertThat(session.endedAt()).isEqualTo(Instant.parse(ENDED));
		assertThat(session.metadata().get("user 👤").stringValue()).isEqualTo(WORLD);
	}

	@Test
	void shouldKeepFirstKindAndParentAndReplaceAttributesWhenSpanIsResent() {
		Ids ids = given(new Ids());
		ObjectNode resent = span(ids.span, ids.run, null).put("kind", "model").put("status", "ok").put("ended_at", ENDED);
		resent.putObject("attributes").put("model", "gpt-4o").put("cost_usd", 0.25);
		assertAccepted(add(batch(), "spans", resent));
		StoredSpan span = this.store.queries().run(ids.run).orElseThrow().spans().get(0);
		assertThat(span.kind()).isEqualTo("tool");
		assertThat(span.status()).isEqualTo("ok");
		assertThat(span.attributes().toString()).isEqualTo("{\"model\":\"gpt-4o\",\"cost_usd\":0.25}");
	}

	@Test
	void shouldReplaceContentOfEventAndEveryValueOfScoreWhenResent() {
		Ids ids = given(new Ids());
		UUID eventId = UUID.randomUUID();
		UUID scoreId = UUID.randomUUID();
		assertAccepted(add(add(batch(), "events", event(eventId, ids.run, null, "custom", "first")), "scores",
				score(scoreId, ids.run, null)));
		ObjectNode category = score(scoreId, ids.run, ids.span).put("data_type", "categorical")
			.put("value", 0)
			.put("string_value", "bien 👍");
		assertAccepted(add(add(batch(), "events", event(eventId, ids.run, null, "custom", Map.of("second", WORLD))),
				"scores", category));
		RunDetail detail = this.store.queries().run(ids.run).orElseThrow();
		assertThat(detail.events()).filteredOn((event) -> event.id().equals(eventId))
			.singleElement()
			.satisfies((event) -> assertThat(event.content().get("second").stringValue()).isEqualTo(WORLD));
		assertThat(detail.scores()).filteredOn((score) -> score.id().equals(scoreId)).singleElement().satisfies((score) -> {
			assertThat(score.dataType()).isEqualTo("categorical");
			assertThat(score.stringValue()).isEqualTo("bien 👍");
			assertThat(score.spanId()).isEqualTo(ids.span);
		});
	}

	@Test
	void shouldAnswerPromptLinksLikeTheBackend() {
		Ids ids = given(new Ids());
		Ids other = given(new Ids());
		PromptVersion prompt = this.store.prompts().define("p", 1, List.of("prod"), "Hi {x}", null, null, null, List.of("x"));
		assertInvalidReferences(add(batch(), "prompt_links", promptLink(ids.run, UUID.randomUUID(), prompt.id())));
		assertInvalidReferences(add(batch(), "prompt_links", promptLink(ids.run, ids.span, UUID.randomUUID())));
		assertThat(this.store.ingest(add(batch(), "prompt_links", promptLink(ids.run, other.span, prompt.id()))))
			.isEqualTo(new IngestResult(IngestResult.Kind.SERVER_ERROR, IngestResult.INTERNAL_ERROR));
		ObjectNode nullValues = promptLink(ids.run, ids.span, prompt.id());
		nullValues.putNull("variable_values");
		assertThat(this.store.ingest(add(batch(), "prompt_links", nullValues)).httpStatus()).isEqualTo(500);
		assertAccepted(add(batch(), "prompt_links", promptLink(ids.run, ids.span, prompt.id())));
		ObjectNode resent = promptLink(ids.run, ids.span, prompt.id());
		resent.putObject("variable_values").put("x", "zwei");
		assertAccepted(add(batch(), "prompt_links", resent));
		assertThat(this.store.queries().run(ids.run).orElseThrow().prompts()).singleElement()
			.satisfies((linked) -> assertThat(linked.link().variableValues().get("x").stringValue()).isEqualTo("zwei"));
	}

	@Test
	void shouldResolvePromptsAfterRestartWhenDefinedBefore() {
		this.store.prompts().define("Support answer", 1, List.of("prod"), "v1 {q}", null, null, null, List.of("q"));
		PromptVersion second = this.store.prompts().define("Support answer", 2, List.of("prod"), "v2 {{ q }} 🙂",
				"gpt-4o", 0.2, 256, List.of("q"));
		this.store.close();
		JdbcStore reopened = reopen(JdbcStore.DEFAULT_MAX_RUNS);
		assertThat(reopened.prompts().resolve("support-answer", "prod", null)).contains(second);
		assertThat(reopened.prompts().resolve("SUPPORT ANSWER", "x", 1)).get()
			.satisfies((version) -> assertThat(version.labels()).isEmpty());
		assertThat(reopened.prompts().resolve("support-answer", "staging", null)).isEmpty();
		assertThat(second.temperature()).isEqualTo(0.2);
	}

	@Test
	void shouldKeepTheDataWhenTheStoreIsReopened() {
		Ids ids = given(new Ids());
		this.store.close();
		JdbcStore reopened = reopen(JdbcStore.DEFAULT_MAX_RUNS);
		assertThat(reopened.queries().run(ids.run)).isPresent();
		assertThat(reopened.counts().runs()).isEqualTo(1);
		assertThat(reopened.ingest(add(batch(), "spans", span(UUID.randomUUID(), ids.run, ids.span))).isAccepted())
			.isTrue();
	}

	@Test
	void shouldDeleteOldestRunsWithTheirRecordsWhenMaxRunsIsExceeded() {
		JdbcStore small = reopen(3);
		List<Ids> all = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Ids ids = new Ids();
			ObjectNode batch = full(ids);
			assertThat(small.ingest(batch).isAccepted()).isTrue();
			all.add(ids);
		}
		assertThat(small.counts()).isEqualTo(new LocalStore.Counts(3, 3, 3, 6, 3, 0));
		assertThat(small.queries().run(all.get(0).run)).isEmpty();
		assertThat(small.queries().run(all.get(1).run)).isEmpty();
		assertThat(small.queries().session(all.get(1).session)).isEmpty();
		assertThat(small.queries().run(all.get(4).run)).isPresent();
	}

	@Test
	void shouldAcceptEveryBatchWhenManyThreadsSendAtOnce() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			Ids shared = given(new Ids());
			List<Callable<IngestResult>> tasks = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				int n = i;
				tasks.add(() -> {
					Ids ids = new Ids();
					ObjectNode batch = full(ids);
					// every batch also re-sends the same run and adds a span to it
					add(batch, "runs", run(shared.run, shared.session));
					add(batch, "spans", span(UUID.randomUUID(), shared.run, shared.span).put("name", "n" + n));
					return this.store.ingest(batch);
				});
			}
			for (Future<IngestResult> result : threads.invokeAll(tasks)) {
				assertThat(result.get().isAccepted()).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.store.counts().runs()).isEqualTo(41);
		assertThat(this.store.counts().spans()).isEqualTo(81);
	}

	@Test
	void shouldAnswerLikeTheInMemoryStoreWhenOfferedTheSameBatches() {
		LocalStore memory = LocalStore.create();
		PromptDefinition prompt = PromptDefinition.builder("p", "x").build();
		memory.prompts().define(prompt);
		this.store.prompts().define(prompt);
		Ids ids = new Ids();
		Ids other = new Ids();
		List<JsonNode> batches = new ArrayList<>();
		batches.add(full(ids));
		batches.add(full(other));
		batches.add(add(batch(), "runs", run(UUID.randomUUID(), UUID.randomUUID())));
		// re-sent records whose references do not resolve: the backend checks them as it checks new ones
		batches.add(add(batch(), "runs", run(ids.run, UUID.randomUUID())));
		batches.add(add(batch(), "spans", span(ids.span, UUID.randomUUID(), null)));
		batches.add(add(batch(), "spans", span(ids.span, ids.run, UUID.randomUUID())));
		batches.add(add(batch(), "spans", span(UUID.randomUUID(), ids.run, UUID.randomUUID())));
		batches.add(add(batch(), "scores", score(UUID.randomUUID(), ids.run, other.span)));
		batches.add(add(batch(), "prompt_links", promptLink(ids.run, ids.span, prompt.versionId())));
		batches.add(add(batch(), "prompt_links", promptLink(ids.run, other.span, prompt.versionId())));
		batches.add(add(batch(), "prompt_links", promptLink(ids.run, ids.span, UUID.randomUUID())));
		batches.add(batch().put("schema_version", 3));
		batches.add(add(batch(), "runs", run(UUID.randomUUID(), ids.session).put("name", "")));
		batches.add(add(batch(), "events", event(UUID.randomUUID(), ids.run, null, "custom", "nul \u0000")));
		batches.add(add(batch(), "events", event(UUID.randomUUID(), ids.run, null, "custom", "lone \ud800")));
		batches.add(add(batch(), "events", event(UUID.randomUUID(), ids.run, null, "custom", WORLD)));
		for (JsonNode batch : batches) {
			assertThat(this.store.ingest(batch)).as(batch.toString()).isEqualTo(memory.ingest(batch));
		}
		assertThat(this.store.counts()).isEqualTo(memory.counts());
	}

	@Test
	void shouldStoreHostileAndHugeValuesExactlyWhenTheyAreValidJson() {
		Ids ids = given(new Ids());
		String huge = ("Ünïcødé ✓ 中文 עברית 🧪 " + "x".repeat(1000)).repeat(1000);
		ObjectNode nested = Batches.MAPPER.createObjectNode();
		ObjectNode level = nested;
		for (int i = 0; i < 100; i++) {
			level = level.putObject("level " + i + " 🔑");
		}
		level.put("quote \" backslash \\ tab \t newline \n", "'; DROP TABLE runs; --");
		UUID eventId = UUID.randomUUID();
		ObjectNode event = event(eventId, ids.run, ids.span, "custom", huge);
		event.set("attributes", nested);
		ObjectNode batch = add(batch(), "events", event);
		for (int i = 0; i < 500; i++) {
			add(batch, "scores", score(UUID.randomUUID(), ids.run, null).put("name", "score " + i + " 📈"));
		}
		assertAccepted(batch);
		RunDetail detail = this.store.queries().run(ids.run).orElseThrow();
		assertThat(detail.events()).filteredOn((stored) -> stored.id().equals(eventId))
			.singleElement()
			.satisfies((stored) -> {
			assertThat(stored.content().stringValue()).isEqualTo(huge);
			assertThat(stored.attributes()).isEqualTo(nested);
		});
		assertThat(detail.scores()).hasSize(501);
		assertThat(this.store.counts().runs()).isEqualTo(1);
	}

	@Test
	void shouldExportARunAsABatchEveryStoreAccepts() {
		Ids ids = new Ids();
		PromptVersion prompt = this.store.prompts().define("p", 1, List.of(), "x", null, null, null, List.of());
		ObjectNode batch = full(ids);
		UUID child = UUID.randomUUID();
		add(batch, "spans", span(child, ids.run, ids.span));
		add(batch, "prompt_links", promptLink(ids.run, child, prompt.id()));
		assertAccepted(batch);
		ObjectNode exported = this.store.queries().exportRun(ids.run).orElseThrow();
		LocalStore memory = LocalStore.create();
		memory.prompts().define(PromptDefinition.builder("p", "x").build());
		assertThat(memory.ingest(exported).isAccepted()).isTrue();
		assertThat(memory.counts()).isEqualTo(new LocalStore.Counts(1, 1, 2, 2, 1, 1));
		assertThat(memory.run(ids.run).orElseThrow().name()).isEqualTo("answer " + WORLD);
	}

	@Test
	void shouldFilterSortAndPageTheRunsList() {
		Ids session = given(new Ids());
		Instant base = Instant.parse("2025-07-01T00:00:00Z");
		for (int i = 0; i < 25; i++) {
			UUID runId = UUID.randomUUID();
			ObjectNode record = run(runId, session.session, (i % 2 == 0) ? "even" : "odd", base.plusSeconds(i).toString())
				.put("status", (i % 5 == 0) ? "error" : "ok")
				.put("ended_at", base.plusSeconds(i).plusMillis(100L * i).toString());
			record.putObject("metadata").put("cost_usd", i / 100.0);
			ObjectNode batch = add(batch(), "runs", record);
			add(batch, "events", event(UUID.randomUUID(), runId, null, "user_input",
					Map.of("question", (i == 7) ? "Wo ist der Bahnhof? 🚉" : "q" + i)));
			assertAccepted(batch);
		}
		TraceQueries queries = this.store.queries();
		assertThat(queries.runs(new RunQuery("even", null, null, null, null, null, RunQuery.Sort.STARTED, true, 0, 50))
			.total()).isEqualTo(13);
		assertThat(queries.runs(new RunQuery(null, "error", null, null, null, null, RunQuery.Sort.STARTED, true, 0, 50))
			.total()).isEqualTo(5);
		RunPage text = queries
			.runs(new RunQuery(null, null, null, null, null, "BAHNHOF? 🚉", RunQuery.Sort.STARTED, true, 0, 50));
		assertThat(text.runs()).singleElement()
			.satisfies((run) -> assertThat(run.input()).isEqualTo("Wo ist der Bahnhof? 🚉"));
		assertThat(queries.runs(new RunQuery(null, null, null, null, null, "100%", RunQuery.Sort.STARTED, true, 0, 50))
			.total()).isZero();
		RunPage range = queries.runs(new RunQuery(null, null, null, base.plusSeconds(10), base.plusSeconds(20), null,
				RunQuery.Sort.STARTED, false, 0, 50));
		assertThat(range.total()).isEqualTo(10);
		assertThat(range.runs().get(0).startedAt()).isEqualTo(base.plusSeconds(10));
		RunPage longest = queries.runs(new RunQuery(null, null, session.session, null, null, null,
				RunQuery.Sort.DURATION, true, 0, 10));
		assertThat(longest.total()).isEqualTo(26);
		assertThat(longest.runs().get(0).durationMs()).isEqualTo(2400);
		assertThat(longest.pages()).isEqualTo(3);
		RunPage third = queries.runs(new RunQuery(null, null, null, null, null, null, RunQuery.Sort.COST, true, 2, 10));
		assertThat(third.runs()).hasSize(6);
		assertThat(third.runs().get(5).costUsd()).isNull();
		Overview overview = queries.overview(base, base.plusSeconds(25), 5);
		assertThat(overview.runs()).isEqualTo(25);
		assertThat(overview.errors()).isEqualTo(5);
		assertThat(overview.buckets()).extracting(Overview.Bucket::runs).containsExactly(5, 5, 5, 5, 5);
		assertThat(overview.p50Ms()).isEqualTo(1200);
		assertThat(overview.p95Ms()).isEqualTo(2300);
	}

	protected void assertAccepted(JsonNode batch) {
		IngestResult result = this.store.ingest(batch);
		assertThat(result).as(() -> this.store.rejectionMessages().toString()).isEqualTo(
				new IngestResult(IngestResult.Kind.ACCEPTED, null));
	}

	protected void assertInvalidReferences(JsonNode batch) {
		assertThat(this.store.ingest(batch))
			.isEqualTo(new IngestResult(IngestResult.Kind.INVALID_REFERENCES, IngestResult.INVALID_REFERENCES));
	}

	private Ids given(Ids ids) {
		assertAccepted(full(ids));
		return ids;
	}

	/** A session, a run, a span, two events (one with null content), a score. */
	static ObjectNode full(Ids ids) {
		ObjectNode batch = add(batch(), "sessions", session(ids.session));
		add(batch, "runs", run(ids.run, ids.session));
		add(batch, "spans", span(ids.span, ids.run, null));
		add(batch, "events", event(UUID.randomUUID(), ids.run, null, "user_input", Map.of("question", WORLD)),
				event(UUID.randomUUID(), ids.run, ids.span, "tool_result", null));
		add(batch, "scores", score(UUID.randomUUID(), ids.run, ids.span));
		return batch;
	}

	/** The ids of one {@link #full(Ids)} batch. */
	static final class Ids {

		final UUID session = UUID.randomUUID();

		final UUID run = UUID.randomUUID();

		final UUID span = UUID.randomUUID();

	}

}
