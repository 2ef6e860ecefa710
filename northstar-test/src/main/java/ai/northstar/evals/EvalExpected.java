package ai.northstar.evals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a case expects ({@code expected}): each grader reads its field, and is skipped when the field is absent.
 *
 * @param goal what the agent should achieve (rubric judge)
 * @param groundTruth the answer the final response should contain ({@code ground_truth_match}, judges)
 * @param context the facts the answer must stay faithful to (faithfulness judge)
 * @param rubric how a judge grades the answer
 * @param requiredTools the tools that must be called ({@code required_tools})
 * @param forbiddenTools the tools that must not be called ({@code forbidden_tools})
 * @param toolSequence the exact sequence of tool calls ({@code tool_sequence})
 * @param contains the phrases the final response must contain, any case ({@code contains})
 * @param notContains the phrases it must not contain ({@code not_contains})
 * @param toolArguments the tool calls expected with a subset of their arguments ({@code tool_arguments_match})
 * @param requireToolOutputReference whether the response must draw on a tool output ({@code tool_output_referenced})
 * @param maxToolCalls the most tool calls, not negative ({@code max_tool_calls})
 * @param maxLatencyMs the most latency in milliseconds, not negative ({@code latency_under})
 * @param maxCostUsd the most cost in US dollars, not negative ({@code cost_under})
 * @param trace what the trace graders expect
 * @since 0.1.0
 */
public record EvalExpected(@Nullable String goal, @Nullable String groundTruth, @Nullable List<String> context,
		@Nullable String rubric, @Nullable List<String> requiredTools, @Nullable List<String> forbiddenTools,
		@Nullable List<String> toolSequence, @Nullable List<String> contains, @Nullable List<String> notContains,
		@Nullable List<ExpectedToolArguments> toolArguments, @Nullable Boolean requireToolOutputReference,
		@Nullable Integer maxToolCalls, @Nullable Double maxLatencyMs, @Nullable Double maxCostUsd,
		@Nullable TraceExpected trace) {

	private static final EvalExpected NONE = new EvalExpected(null, null, null, null, null, null, null, null, null, null,
			null, null, null, null, null);

	private static final Set<String> KEYS = Set.of("goal", "ground_truth", "context", "rubric", "required_tools",
			"forbidden_tools", "tool_sequence", "contains", "not_contains", "tool_arguments",
			"require_tool_output_reference", "max_tool_calls", "max_latency_ms", "max_cost_usd", "trace");

	public EvalExpected {
		if (maxToolCalls != null && maxToolCalls < 0) {
			throw new IllegalArgumentException("max_tool_calls must be non-negative, was " + maxToolCalls);
		}
		if (maxLatencyMs != null && maxLatencyMs < 0) {
			throw new IllegalArgumentException("max_latency_ms must be non-negative, was " + maxLatencyMs);
		}
		if (maxCostUsd != null && maxCostUsd < 0) {
			throw new IllegalArgumentException("max_cost_usd must be non-negative, was " + maxCostUsd);
		}
		context = copy(context);
		requiredTools = copy(requiredTools);
		forbiddenTools = copy(forbiddenTools);
		toolSequence = copy(toolSequence);
		contains = copy(contains);
		notContains = copy(notContains);
		toolArguments = (toolArguments != null) ? List.copyOf(toolArguments) : null;
	}

	private static @Nullable List<String> copy(@Nullable List<String> values) {
		return (values != null) ? List.copyOf(values) : null;
	}

	/**
	 * Returns expectations with nothing expected.
	 * @return empty expectations
	 */
	public static EvalExpected none() {
		return NONE;
	}

	/**
	 * Reads expectations from their JSON, as in a dataset.
	 * @param node the {@code expected} object
	 * @return the expectations
	 * @throws IllegalArgumentException naming the field at fault
	 */
	public static EvalExpected fromJson(JsonNode node) {
		return fromJson(node, "expected");
	}

	static EvalExpected fromJson(JsonNode node, String path) {
		CaseReader.object(node, path, KEYS);
		List<ExpectedToolArguments> toolArguments = null;
		if (CaseReader.present(node, "tool_arguments")) {
			JsonNode list = node.get("tool_arguments");
			String listPath = CaseReader.join(path, "tool_arguments");
			if (!list.isArray()) {
				throw new IllegalArgumentException(listPath + " must be a list");
			}
			toolArguments = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				String itemPath = listPath + "[" + i + "]";
				JsonNode item = CaseReader.object(list.get(i), itemPath, Set.of("name", "arguments"));
				if (!CaseReader.present(item, "arguments")) {
					throw new IllegalArgumentException(itemPath + ".arguments is required");
				}
				toolArguments.add(new ExpectedToolArguments(CaseReader.requiredString(item, itemPath, "name"),
						CaseReader.map(item, itemPath, "arguments")));
			}
		}
		TraceExpected trace = CaseReader.present(node, "trace")
				? TraceExpected.fromJson(node.get("trace"), CaseReader.join(path, "trace")) : null;
		try {
			return new EvalExpected(CaseReader.optionalString(node, path, "goal"),
					CaseReader.optionalString(node, path, "ground_truth"),
					CaseReader.stringList(node, path, "context", true), CaseReader.optionalString(node, path, "rubric"),
					CaseReader.stringList(node, path, "required_tools", true),
					CaseReader.stringList(node, path, "forbidden_tools", true),
					CaseReader.stringList(node, path, "tool_sequence", true),
					CaseReader.stringList(node, path, "contains", true),
					CaseReader.stringList(node, path, "not_contains", true), toolArguments,
					CaseReader.optionalBoolean(node, path, "require_tool_output_reference"),
					CaseReader.optionalInt(node, path, "max_tool_calls"),
					CaseReader.optionalNumber(node, path, "max_latency_ms"),
					CaseReader.optionalNumber(node, path, "max_cost_usd"), trace);
		}
		catch (IllegalArgumentException ex) {
			throw TraceExpected.prefixed(path, ex);
		}
	}

}
