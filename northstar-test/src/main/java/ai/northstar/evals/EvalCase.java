package ai.northstar.evals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import ai.northstar.evals.internal.EvalJson;
import ai.northstar.test.RecordedRun;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One case of a {@link Dataset}, with the keys of the Python SDK's {@code EvalCase}: {@code id}, {@code messages}
 * (the transcript, chat-completion style), {@code input}, {@code trace} (a NorthStar batch holding the run),
 * {@code expected}, {@code metrics} and {@code metadata}. Only {@code id} and {@code messages} are required.
 * <p>
 * JSON values are kept as Jackson nodes; do not modify the nodes a case returns.
 *
 * @param id the case id
 * @param messages the transcript: objects with {@code role}, {@code content}, {@code tool_calls},
 * {@code tool_call_id}, {@code name}
 * @param input the input given to the agent, JSON {@code null} when none
 * @param trace a batch of the ingest protocol holding the case's run (its first run, or {@code run_id}), if any
 * @param expected what the case expects
 * @param metrics what its run measured
 * @param metadata free-form metadata
 * @since 0.1.0
 */
public record EvalCase(String id, List<JsonNode> messages, JsonNode input, @Nullable ObjectNode trace,
		EvalExpected expected, EvalMetrics metrics, Map<String, JsonNode> metadata) {

	private static final Set<String> KEYS = Set.of("id", "input", "trace", "messages", "expected", "metrics",
			"metadata");

	public EvalCase {
		Objects.requireNonNull(id, "id must not be null");
		List<JsonNode> copied = new ArrayList<>(messages.size());
		for (JsonNode message : messages) {
			if (!message.isObject()) {
				throw new IllegalArgumentException("messages must hold objects, was " + message);
			}
			copied.add(message.deepCopy());
		}
		messages = List.copyOf(copied);
		input = (input != null) ? input.deepCopy() : NullNode.getInstance();
		trace = (trace != null) ? trace.deepCopy() : null;
		expected = (expected != null) ? expected : EvalExpected.none();
		metrics = (metrics != null) ? metrics : EvalMetrics.none();
		metadata = CaseReader.copy(EvalJson.toJson((metadata != null) ? metadata : Map.of()));
	}

	/**
	 * Returns a case with a transcript and expectations.
	 * @param id the case id
	 * @param messages the transcript, objects or anything Jackson converts to objects
	 * @param expected what the case expects
	 * @return the case
	 */
	public static EvalCase of(String id, List<?> messages, EvalExpected expected) {
		List<JsonNode> nodes = messages.stream().map(EvalJson::toJson).toList();
		return new EvalCase(id, nodes, NullNode.getInstance(), null, expected, EvalMetrics.none(), Map.of());
	}

	/**
	 * Reads a case from its JSON, as in a dataset.
	 * @param node the case object
	 * @return the case
	 * @throws IllegalArgumentException naming the field at fault
	 */
	public static EvalCase fromJson(JsonNode node) {
		CaseReader.object(node, "", KEYS);
		String id = CaseReader.requiredString(node, "", "id");
		JsonNode messages = node.get("messages");
		if (messages == null) {
			throw new IllegalArgumentException("messages is required");
		}
		if (!messages.isArray()) {
			throw new IllegalArgumentException("messages must be a list");
		}
		List<JsonNode> list = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			if (!messages.get(i).isObject()) {
				throw new IllegalArgumentException("messages[" + i + "] must be an object");
			}
			list.add(messages.get(i));
		}
		ObjectNode trace = null;
		if (CaseReader.present(node, "trace")) {
			if (!node.get("trace").isObject()) {
				throw new IllegalArgumentException("trace must be an object");
			}
			trace = (ObjectNode) node.get("trace");
		}
		EvalExpected expected = CaseReader.present(node, "expected") ? EvalExpected.fromJson(node.get("expected"))
				: EvalExpected.none();
		EvalMetrics metrics = EvalMetrics.none();
		if (CaseReader.present(node, "metrics")) {
			JsonNode object = CaseReader.object(node.get("metrics"), "metrics", Set.of("latency_ms", "cost_usd"));
			metrics = new EvalMetrics(CaseReader.optionalNumber(object, "metrics", "latency_ms"),
					CaseReader.optionalNumber(object, "metrics", "cost_usd"));
		}
		JsonNode input = node.has("input") ? node.get("input") : NullNode.getInstance();
		return new EvalCase(id, list, input, trace, expected, metrics, CaseReader.map(node, "", "metadata"));
	}

	/**
	 * Returns this case evaluated on a recorded run: its {@code trace} becomes the run as a batch, its
	 * {@code messages} the transcript read from the trace ({@link Transcripts}), and its {@code metrics} the run's
	 * {@code latency_ms} and {@code cost_usd}; the expectations stay.
	 * @param run the recorded run
	 * @return the case
	 */
	public EvalCase withRun(RecordedRun run) {
		return withTrace(run.toBatch(), run.id().toString());
	}

	/**
	 * Returns this case evaluated on a run held by a batch; see {@link #withRun(RecordedRun)}.
	 * @param batch the batch, in the ingest protocol
	 * @param runId the id of the run in it
	 * @return the case
	 */
	public EvalCase withTrace(ObjectNode batch, String runId) {
		ObjectNode trace = batch.deepCopy();
		trace.put("run_id", runId);
		TraceDag dag = TraceDag.fromPayload(trace, runId);
		return new EvalCase(this.id, Transcripts.messages(dag), this.input, trace, this.expected, Transcripts.metrics(dag),
				this.metadata);
	}

	/**
	 * Returns the case as JSON, every key present ({@code null} where unset), as the Python SDK dumps it.
	 * @return the JSON
	 */
	public ObjectNode toJson() {
		ObjectNode node = EvalJson.NODES.objectNode();
		node.put("id", this.id);
		node.set("input", this.input);
		node.set("trace", (this.trace != null) ? this.trace : NullNode.getInstance());
		ArrayNode messages = node.putArray("messages");
		this.messages.forEach(messages::add);
		node.set("expected", ExpectedJson.write(this.expected));
		ObjectNode metrics = node.putObject("metrics");
		putNumber(metrics, "latency_ms", this.metrics.latencyMs());
		putNumber(metrics, "cost_usd", this.metrics.costUsd());
		node.set("metadata", EvalJson.toJson(this.metadata));
		return node;
	}

	static void putNumber(ObjectNode node, String name, @Nullable Double value) {
		if (value != null) {
			node.put(name, value);
		}
		else {
			node.putNull(name);
		}
	}

}
