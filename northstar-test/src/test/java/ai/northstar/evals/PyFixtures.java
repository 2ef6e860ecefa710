package ai.northstar.evals;

import java.util.List;
import java.util.Map;

import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fixtures of the Python SDK's {@code tests/test_evals.py} ({@code one_case}, {@code trace_payload},
 * {@code trace_span}, {@code trace_event}), with the same values.
 */
public final class PyFixtures {

	public static final String RUN_ID = "00000000-0000-0000-0000-000000000002";

	public static final String SESSION_ID = "00000000-0000-0000-0000-000000000001";

	private PyFixtures() {
	}

	public static JsonNode json(String text) {
		return EvalJson.MAPPER.readTree(text);
	}

	/** {@code one_case(**overrides)}: a case with one assistant message "hello", overridden by the given JSON. */
	public static EvalCase oneCase(String overridesJson) {
		ObjectNode record = (ObjectNode) json("{\"id\": \"case-1\", \"messages\": [{\"role\": \"assistant\", \"content\": \"hello\"}]}");
		json(overridesJson).properties().forEach((entry) -> record.set(entry.getKey(), entry.getValue()));
		return Dataset.fromRecords(List.of(record)).cases().get(0);
	}

	public static EvalCase oneCase() {
		return oneCase("{}");
	}

	public static EvalRun normalize(EvalCase evalCase) {
		return EvalRun.fromMessages(evalCase.messages(), null, evalCase.metrics(), evalCase.metadata());
	}

	public static EvalRun normalize(String messagesJson) {
		List<JsonNode> messages = listOf(json(messagesJson));
		return EvalRun.fromMessages(messages, null, EvalMetrics.none(), Map.of());
	}

	public static EvalRun normalize(EvalCase evalCase, ObjectNode payload) {
		return EvalRun.fromMessages(evalCase.messages(), TraceDag.fromPayload(payload, RUN_ID), evalCase.metrics(),
				evalCase.metadata());
	}

	static List<JsonNode> listOf(JsonNode array) {
		List<JsonNode> list = new java.util.ArrayList<>();
		array.forEach(list::add);
		return list;
	}

	/** {@code trace_payload(spans, events, run_error)}. */
	public static ObjectNode tracePayload(List<ObjectNode> spans, List<ObjectNode> events, @Nullable String runErrorJson) {
		ObjectNode payload = EvalJson.NODES.objectNode();
		payload.put("schema_version", 1);
		payload.putArray("sessions").addObject().put("id", SESSION_ID).put("created_at", "2026-01-01T00:00:00+00:00")
			.putObject("metadata");
		ObjectNode run = payload.putArray("runs").addObject();
		run.put("id", RUN_ID).put("session_id", SESSION_ID).put("name", "agent")
			.put("started_at", "2026-01-01T00:00:00+00:00").put("ended_at", "2026-01-01T00:00:05+00:00")
			.put("status", (runErrorJson != null) ? "error" : "ok");
		run.set("error", (runErrorJson != null) ? json(runErrorJson) : EvalJson.NODES.nullNode());
		run.putObject("metadata").put("cost_usd", 0.03);
		ArrayNode spanArray = payload.putArray("spans");
		spans.forEach(spanArray::add);
		ArrayNode eventArray = payload.putArray("events");
		events.forEach(eventArray::add);
		return payload;
	}

	public static ObjectNode tracePayload(List<ObjectNode> spans, List<ObjectNode> events) {
		return tracePayload(spans, events, null);
	}

	/** {@code trace_span(span_id, name, kind="tool", parent_span_id, status="ok", error, started_at, attributes)}. */
	public static ObjectNode span(String id, String name, String kind, @Nullable String parentId, String status,
			@Nullable String errorJson, String attributesJson) {
		ObjectNode span = EvalJson.NODES.objectNode();
		span.put("id", id).put("run_id", RUN_ID).put("parent_span_id", parentId).put("kind", kind).put("name", name)
			.put("started_at", "2026-01-01T00:00:01+00:00").put("ended_at", "2026-01-01T00:00:02+00:00")
			.put("status", status);
		span.set("error", (errorJson != null) ? json(errorJson) : EvalJson.NODES.nullNode());
		span.set("attributes", json(attributesJson));
		return span;
	}

	public static ObjectNode span(String id, String name) {
		return span(id, name, "tool", null, "ok", null, "{}");
	}

	/** {@code trace_event(event_id, event_type, span_id, content, attributes, created_at)}. */
	public static ObjectNode event(String id, String type, @Nullable String spanId, String contentJson,
			String attributesJson, String createdAt) {
		ObjectNode event = EvalJson.NODES.objectNode();
		event.put("id", id).put("run_id", RUN_ID).put("span_id", spanId).put("type", type).put("created_at", createdAt);
		event.set("content", json(contentJson));
		event.set("attributes", json(attributesJson));
		return event;
	}

	/** A {@code completion_fn} answering every request with one JSON object. */
	public static ai.northstar.evals.judge.JudgeModel judge(String name, String answerJson,
			List<ai.northstar.evals.judge.JudgeRequest> seen) {
		return ai.northstar.evals.judge.JudgeModel.of(name, (request) -> {
			seen.add(request);
			return answerJson;
		});
	}

}
