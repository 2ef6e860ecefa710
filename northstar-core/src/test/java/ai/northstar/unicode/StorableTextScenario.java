package ai.northstar.unicode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import ai.northstar.Northstar;
import ai.northstar.Run;
import ai.northstar.ScoreOptions;
import ai.northstar.Session;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.data.ScoreData;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.LocalStore;
import ai.northstar.local.RecordedRequest;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSession;
import ai.northstar.local.StoredSpan;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records sessions, runs, spans, events and scores whose every string field holds {@link HostileText}, then checks
 * what a {@link LocalIngestServer} stored against {@link HostileText#expected(String)}, character for character,
 * and that every request body was valid UTF-8 JSON. Used with each transport: the same scenario, the same checks.
 * <p>
 * Keys are drawn text too, made unique by a numbered prefix (so no two of them become equal once sanitized) and
 * ended with {@code #} (so none names a secret and gets redacted).
 */
public final class StorableTextScenario {

	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final HostileText text;

	private int keys;

	/** Checks to run against the store, each naming what it checks. */
	private final List<Check> checks = new ArrayList<>();

	private StorableTextScenario(long seed) {
		this.text = new HostileText(seed);
	}

	/**
	 * Records the scenario with a client that captures everything, then flushes it.
	 * @param client the client, with {@code CaptureOptions.all()}
	 * @param seed the seed of the text
	 * @param runs how many runs to record (about 45 strings each)
	 * @return the scenario, to check
	 */
	public static StorableTextScenario record(Northstar client, long seed, int runs) {
		StorableTextScenario scenario = new StorableTextScenario(seed);
		scenario.recordAll(client, runs);
		return scenario;
	}

	/**
	 * Returns how many generated strings the scenario recorded.
	 * @return the count
	 */
	public int strings() {
		return this.text.drawn();
	}

	private String text() {
		return this.text.next(24);
	}

	private String key() {
		return "k" + (this.keys++) + ":" + this.text.next(12) + "#";
	}

	private void recordAll(Northstar client, int runs) {
		Session session = null;
		for (int i = 0; i < runs; i++) {
			if (i % 10 == 0) {
				if (session != null) {
					session.end();
				}
				String key = key();
				String value = text();
				session = client.session(Map.of(key, List.of(value)));
				UUID sessionId = session.id();
				this.checks.add(new Check("session metadata", (store) -> store.session(sessionId).orElseThrow()
					.metadata().get(HostileText.expected(key)).get(0).stringValue(), value));
			}
			recordRun(client, session, i);
		}
		session.end();
		client.flush();
	}

	private void recordRun(Northstar client, Session session, int index) {
		String runName = "run " + index + " " + text();
		String initialKey = key();
		String initialValue = text();
		Run run = session.run(runName, Map.of(initialKey, initialValue));
		UUID runId = run.id();
		checkRun("run name", runId, StoredRun::name, runName);
		checkRun("run initial metadata", runId, (stored) -> stored.metadata().get(HostileText.expected(initialKey)).stringValue(), initialValue);
		String putKey = key();
		String putValue = text();
		run.putMetadata(putKey, Map.of("nested " + key(), putValue));
		checkRun("run put metadata", runId, (stored) -> stored.metadata().get(HostileText.expected(putKey)).values().iterator().next().stringValue(), putValue);

		String userInput = text();
		checkEvent("user input", run.recordUserInput(Map.of("question", userInput)).orElseThrow().id(),
				(event) -> event.content().get("question").stringValue(), userInput);

		String spanName = "span " + text();
		String spanKey = key();
		String spanValue = text();
		Span span = run.span(spanName, SpanKind.AGENT, index, Map.of(spanKey, spanValue));
		UUID spanId = span.id();
		checkSpan("span name", spanId, StoredSpan::name, spanName);
		checkSpan("span initial attribute", spanId, (stored) -> stored.attributes().get(HostileText.expected(spanKey)).stringValue(), spanValue);
		String attributeKey = key();
		String attributeValue = text();
		span.setAttribute(attributeKey, attributeValue);
		checkSpan("span set attribute", spanId, (stored) -> stored.attributes().get(HostileText.expected(attributeKey)).stringValue(), attributeValue);

		String toolName = "tool " + text();
		Span tool = span.span(toolName, SpanKind.TOOL);
		UUID toolId = tool.id();
		checkSpan("child span name", toolId, StoredSpan::name, toolName);
		String argument = text();
		String argumentKey = key();
		checkEvent("tool arguments", tool.recordToolArguments(Map.of(argumentKey, List.of(argument, argument))).orElseThrow().id(),
				(event) -> event.content().get(HostileText.expected(argumentKey)).get(1).stringValue(), argument);
		String result = text();
		String eventAttributeKey = key();
		String eventAttribute = text();
		checkEvent("tool result", tool.recordToolResult(result, Map.of(eventAttributeKey, eventAttribute)).orElseThrow().id(),
				(event) -> event.content().stringValue(), result);
		checkEventAttribute(tool, eventAttributeKey, eventAttribute);
		String reasoning = text();
		checkEvent("reasoning", tool.recordReasoning(reasoning).orElseThrow().id(),
				(event) -> event.content().stringValue(), reasoning);
		String message = text();
		String packageName = "ai.northstar.unicode.g" + index + "ü中";
		String typeName = "Fehler" + index + "Ошибка😀";
		tool.recordError(HostileText.exception(packageName, typeName, message));
		checkSpan("error message", toolId, (stored) -> stored.error().get("message").stringValue(), message);
		checkSpan("error type", toolId, (stored) -> stored.error().get("type").stringValue(), typeName);
		checkSpan("error module", toolId, (stored) -> stored.error().get("module").stringValue(), packageName);
		tool.close();

		String model = "model-" + text();
		span.recordUsage(model, 12, 7);
		checkSpan("model", spanId, (stored) -> stored.attributes().get("model").stringValue(), model);
		String custom = text();
		checkEvent("custom event", span.recordCustomEvent(List.of(Map.of("deep", Map.of("deeper", custom)))).orElseThrow().id(),
				(event) -> event.content().get(0).get("deep").get("deeper").stringValue(), custom);
		span.close();

		String answer = text();
		checkEvent("final response", run.recordFinalResponse(answer).orElseThrow().id(),
				(event) -> event.content().stringValue(), answer);
		run.close();

		String scoreName = "score " + text();
		String comment = text();
		ScoreData numeric = client.score(runId, scoreName, 0.5, ScoreOptions.builder().comment(comment).spanId(spanId).build());
		checkScore("score name", numeric.id(), StoredScore::name, scoreName);
		checkScore("score comment", numeric.id(), StoredScore::comment, comment);
		String label = "label " + text();
		ScoreData categorical = client.score(runId, "category " + index, label);
		checkScore("score string value", categorical.id(), StoredScore::stringValue, label);
	}

	private void checkEventAttribute(Span span, String key, String value) {
		UUID runId = span.run().id();
		this.checks.add(new Check("event attribute", (store) -> store.eventsOf(runId)
			.stream()
			.filter((event) -> event.attributes().has(HostileText.expected(key)))
			.findFirst()
			.orElseThrow()
			.attributes()
			.get(HostileText.expected(key))
			.stringValue(), value));
	}

	private void checkRun(String what, UUID id, Function<StoredRun, String> field, String recorded) {
		this.checks.add(new Check(what, (store) -> field.apply(store.run(id).orElseThrow()), recorded));
	}

	private void checkSpan(String what, UUID id, Function<StoredSpan, String> field, String recorded) {
		this.checks.add(new Check(what, (store) -> field.apply(store.span(id).orElseThrow()), recorded));
	}

	private void checkEvent(String what, UUID id, Function<StoredEvent, String> field, String recorded) {
		this.checks.add(new Check(what, (store) -> field.apply(store.events()
			.stream()
			.filter((event) -> event.id().equals(id))
			.findFirst()
			.orElseThrow()), recorded));
	}

	private void checkScore(String what, UUID id, Function<StoredScore, String> field, String recorded) {
		this.checks.add(new Check(what, (store) -> field.apply(store.scores()
			.stream()
			.filter((score) -> score.id().equals(id))
			.findFirst()
			.orElseThrow()), recorded));
	}

	/**
	 * Checks that every value reached the server's store as {@link HostileText#expected(String)} says, that the
	 * server refused no batch, and that every request body was valid UTF-8 and valid JSON.
	 * @param server the server the client sent to
	 */
	public void assertStored(LocalIngestServer server) {
		SoftAssertions softly = new SoftAssertions();
		LocalStore store = server.store();
		softly.assertThat(store.rejectionMessages()).as("batches the server refused").isEmpty();
		for (Check check : this.checks) {
			String stored;
			try {
				stored = check.stored().apply(store);
			}
			catch (RuntimeException ex) {
				softly.fail(check.what() + ": not stored (" + ex + ")");
				continue;
			}
			String expected = HostileText.expected(check.recorded());
			softly.assertThat(stored)
				.as("%s recorded as %s", check.what(), codePoints(check.recorded()))
				.isEqualTo(expected);
		}
		for (RecordedRequest request : server.requests()) {
			softly.assertThatCode(() -> validJson(request.body())).doesNotThrowAnyException();
		}
		softly.assertThat(server.requests()).isNotEmpty();
		softly.assertAll();
	}

	private static void validJson(byte[] body) throws CharacterCodingException, JacksonException {
		String text = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(body))
			.toString();
		JsonNode tree = STRICT.readTree(text);
		if (!tree.isObject()) {
			throw new IllegalStateException("not a JSON object");
		}
	}

	private static String codePoints(String text) {
		Map<String, Object> shown = new LinkedHashMap<>();
		StringBuilder hex = new StringBuilder();
		text.chars().forEach((c) -> hex.append(String.format("\\u%04X", c)));
		shown.put("utf16", hex);
		return shown.toString();
	}

	private record Check(String what, Function<LocalStore, String> stored, String recorded) {
	}

}
