package ai.northstar.evals;

import java.util.List;

import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@link EvalExpected} as the Python SDK dumps it: every key, {@code null} where unset.
 */
final class ExpectedJson {

	private ExpectedJson() {
	}

	static ObjectNode write(EvalExpected expected) {
		ObjectNode node = EvalJson.NODES.objectNode();
		putString(node, "goal", expected.goal());
		putString(node, "ground_truth", expected.groundTruth());
		putList(node, "context", expected.context());
		putString(node, "rubric", expected.rubric());
		putList(node, "required_tools", expected.requiredTools());
		putList(node, "forbidden_tools", expected.forbiddenTools());
		putList(node, "tool_sequence", expected.toolSequence());
		putList(node, "contains", expected.contains());
		putList(node, "not_contains", expected.notContains());
		if (expected.toolArguments() != null) {
			ArrayNode list = node.putArray("tool_arguments");
			for (ExpectedToolArguments arguments : expected.toolArguments()) {
				ObjectNode item = list.addObject();
				item.put("name", arguments.name());
				item.set("arguments", EvalJson.toJson(arguments.arguments()));
			}
		}
		else {
			node.putNull("tool_arguments");
		}
		if (expected.requireToolOutputReference() != null) {
			node.put("require_tool_output_reference", expected.requireToolOutputReference());
		}
		else {
			node.putNull("require_tool_output_reference");
		}
		if (expected.maxToolCalls() != null) {
			node.put("max_tool_calls", expected.maxToolCalls());
		}
		else {
			node.putNull("max_tool_calls");
		}
		EvalCase.putNumber(node, "max_latency_ms", expected.maxLatencyMs());
		EvalCase.putNumber(node, "max_cost_usd", expected.maxCostUsd());
		node.set("trace", (expected.trace() != null) ? trace(expected.trace()) : NullNode.getInstance());
		return node;
	}

	private static ObjectNode trace(TraceExpected trace) {
		ObjectNode node = EvalJson.NODES.objectNode();
		if (trace.maxRepeatedToolCalls() != null) {
			node.put("max_repeated_tool_calls", trace.maxRepeatedToolCalls());
		}
		else {
			node.putNull("max_repeated_tool_calls");
		}
		if (trace.allowedStateTransitions() != null) {
			ArrayNode list = node.putArray("allowed_state_transitions");
			trace.allowedStateTransitions()
				.forEach((transition) -> list.addObject()
					.put("from_state", transition.fromState())
					.put("to_state", transition.toState()));
		}
		else {
			node.putNull("allowed_state_transitions");
		}
		putList(node, "relevant_retrieval_ids", trace.relevantRetrievalIds());
		EvalCase.putNumber(node, "min_retrieval_precision", trace.minRetrievalPrecision());
		EvalCase.putNumber(node, "min_retrieval_recall", trace.minRetrievalRecall());
		EvalCase.putNumber(node, "max_step_cost_usd", trace.maxStepCostUsd());
		return node;
	}

	private static void putString(ObjectNode node, String name, @Nullable String value) {
		if (value != null) {
			node.put(name, value);
		}
		else {
			node.putNull(name);
		}
	}

	private static void putList(ObjectNode node, String name, @Nullable List<String> values) {
		if (values != null) {
			ArrayNode list = node.putArray(name);
			values.forEach(list::add);
		}
		else {
			node.putNull(name);
		}
	}

}
