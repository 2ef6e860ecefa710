package ai.northstar.evals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the trace graders expect of a case's trace ({@code expected.trace}); every field is optional, and a grader
 * whose field is absent is skipped or uses its default.
 *
 * @param maxRepeatedToolCalls how often one tool call (same tool, same arguments) may repeat, positive (default 3)
 * @param allowedStateTransitions the allowed transitions between recorded states
 * @param relevantRetrievalIds the ids of the documents a retrieval should return
 * @param minRetrievalPrecision the least retrieval precision, from 0 to 1
 * @param minRetrievalRecall the least retrieval recall, from 0 to 1
 * @param maxStepCostUsd the most one span may cost, not negative
 * @since 0.1.0
 */
public record TraceExpected(@Nullable Integer maxRepeatedToolCalls,
		@Nullable List<ExpectedStateTransition> allowedStateTransitions, @Nullable List<String> relevantRetrievalIds,
		@Nullable Double minRetrievalPrecision, @Nullable Double minRetrievalRecall, @Nullable Double maxStepCostUsd) {

	private static final Set<String> KEYS = Set.of("max_repeated_tool_calls", "allowed_state_transitions",
			"relevant_retrieval_ids", "min_retrieval_precision", "min_retrieval_recall", "max_step_cost_usd");

	public TraceExpected {
		if (maxRepeatedToolCalls != null && maxRepeatedToolCalls <= 0) {
			throw new IllegalArgumentException("max_repeated_tool_calls must be positive, was " + maxRepeatedToolCalls);
		}
		ratio("min_retrieval_precision", minRetrievalPrecision);
		ratio("min_retrieval_recall", minRetrievalRecall);
		if (maxStepCostUsd != null && maxStepCostUsd < 0) {
			throw new IllegalArgumentException("max_step_cost_usd must be non-negative, was " + maxStepCostUsd);
		}
		allowedStateTransitions = (allowedStateTransitions != null) ? List.copyOf(allowedStateTransitions) : null;
		relevantRetrievalIds = (relevantRetrievalIds != null) ? List.copyOf(relevantRetrievalIds) : null;
	}

	private static void ratio(String name, @Nullable Double value) {
		if (value != null && !(value >= 0 && value <= 1)) {
			throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
		}
	}

	static TraceExpected fromJson(JsonNode node, String path) {
		CaseReader.object(node, path, KEYS);
		List<ExpectedStateTransition> transitions = null;
		if (CaseReader.present(node, "allowed_state_transitions")) {
			JsonNode list = node.get("allowed_state_transitions");
			String listPath = CaseReader.join(path, "allowed_state_transitions");
			if (!list.isArray()) {
				throw new IllegalArgumentException(listPath + " must be a list");
			}
			transitions = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				String itemPath = listPath + "[" + i + "]";
				JsonNode item = CaseReader.object(list.get(i), itemPath, Set.of("from_state", "to_state"));
				transitions.add(new ExpectedStateTransition(CaseReader.requiredString(item, itemPath, "from_state"),
						CaseReader.requiredString(item, itemPath, "to_state")));
			}
		}
		try {
			return new TraceExpected(CaseReader.optionalInt(node, path, "max_repeated_tool_calls"), transitions,
					CaseReader.stringList(node, path, "relevant_retrieval_ids", false),
					CaseReader.optionalNumber(node, path, "min_retrieval_precision"),
					CaseReader.optionalNumber(node, path, "min_retrieval_recall"),
					CaseReader.optionalNumber(node, path, "max_step_cost_usd"));
		}
		catch (IllegalArgumentException ex) {
			throw prefixed(path, ex);
		}
	}

	static IllegalArgumentException prefixed(String path, IllegalArgumentException ex) {
		String message = String.valueOf(ex.getMessage());
		return message.startsWith(path) ? ex : new IllegalArgumentException(path + "." + message, ex);
	}

}
