package ai.northstar.evals.grader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.northstar.evals.EvalCase;
import ai.northstar.evals.EvalRun;
import ai.northstar.evals.ExpectedToolArguments;
import ai.northstar.evals.GradeResult;
import ai.northstar.evals.Grader;
import ai.northstar.evals.ToolCall;
import ai.northstar.evals.internal.EvalJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The graders of tool use: {@code max_tool_calls}, {@code required_tools}, {@code forbidden_tools},
 * {@code tool_arguments_match} and {@code tool_sequence}.
 */
final class ToolGraders {

	private ToolGraders() {
	}

	private static Set<String> calledTools(EvalRun run) {
		Set<String> called = new HashSet<>();
		run.toolCalls().forEach((call) -> called.add(call.name()));
		return called;
	}

	static final class MaxToolCalls implements Grader {

		@Override
		public String name() {
			return "max_tool_calls";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			Integer limit = evalCase.expected().maxToolCalls();
			if (limit == null) {
				return GradeResult.skipped(name(), "expected.max_tool_calls was not provided.");
			}
			int actual = run.toolCalls().size();
			String reason = "Used " + actual + " tool calls, limit was " + limit + ".";
			Map<String, JsonNode> metadata = EvalJson.map("actual", actual, "limit", limit);
			return (actual <= limit) ? GradeResult.passed(name(), reason, metadata)
					: GradeResult.failed(name(), reason, metadata);
		}

	}

	static final class RequiredTools implements Grader {

		@Override
		public String name() {
			return "required_tools";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			List<String> required = evalCase.expected().requiredTools();
			if (required == null) {
				return GradeResult.skipped(name(), "expected.required_tools was not provided.");
			}
			Set<String> called = calledTools(run);
			List<String> missing = required.stream().filter((tool) -> !called.contains(tool)).toList();
			if (missing.isEmpty()) {
				return GradeResult.passed(name(), "All required tools were called.",
						EvalJson.map("required_tools", required));
			}
			return GradeResult.failed(name(), "Required tools were not called.",
					EvalJson.map("missing_tools", missing, "required_tools", required));
		}

	}

	static final class ForbiddenTools implements Grader {

		@Override
		public String name() {
			return "forbidden_tools";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			List<String> forbidden = evalCase.expected().forbiddenTools();
			if (forbidden == null) {
				return GradeResult.skipped(name(), "expected.forbidden_tools was not provided.");
			}
			Set<String> called = calledTools(run);
			List<String> used = forbidden.stream().filter(called::contains).toList();
			if (used.isEmpty()) {
				return GradeResult.passed(name(), "No forbidden tools were called.",
						EvalJson.map("forbidden_tools", forbidden));
			}
			return GradeResult.failed(name(), "Forbidden tools were called.",
					EvalJson.map("forbidden_tools", forbidden, "used_forbidden_tools", used));
		}

	}

	static final class ToolArgumentsMatch implements Grader {

		@Override
		public String name() {
			return "tool_arguments_match";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			List<ExpectedToolArguments> expectedCalls = evalCase.expected().toolArguments();
			if (expectedCalls == null) {
				return GradeResult.skipped(name(), "expected.tool_arguments was not provided.");
			}
			ArrayNode mismatches = EvalJson.NODES.arrayNode();
			for (ExpectedToolArguments expected : expectedCalls) {
				JsonNode expectedArguments = EvalJson.toJson(expected.arguments());
				List<ToolCall> matching = run.toolCalls()
					.stream()
					.filter((call) -> call.name().equals(expected.name()))
					.toList();
				if (matching.isEmpty()) {
					ObjectNode mismatch = mismatches.addObject();
					mismatch.put("name", expected.name());
					mismatch.set("expected_arguments", expectedArguments);
					mismatch.put("reason", "Tool was not called.");
					continue;
				}
				boolean matched = matching.stream()
					.anyMatch((call) -> call.parsedArguments().isObject()
							&& containsSubset(call.parsedArguments(), expectedArguments));
				if (!matched) {
					ObjectNode mismatch = mismatches.addObject();
					mismatch.put("name", expected.name());
					mismatch.set("expected_arguments", expectedArguments);
					ArrayNode actual = mismatch.putArray("actual_arguments");
					matching.forEach((call) -> actual.add(call.parsedArguments()));
					mismatch.put("reason", "Tool arguments did not match.");
				}
			}
			if (mismatches.isEmpty()) {
				List<Map<String, JsonNode>> dumped = new ArrayList<>();
				expectedCalls.forEach((expected) -> dumped
					.add(EvalJson.map("name", expected.name(), "arguments", expected.arguments())));
				return GradeResult.passed(name(), "All expected tool arguments matched.",
						EvalJson.map("tool_arguments", dumped));
			}
			return GradeResult.failed(name(), "Tool arguments did not match expected values.",
					EvalJson.map("mismatches", mismatches));
		}

		/** Whether every expected key is in the actual arguments, nested objects compared as subsets. */
		static boolean containsSubset(JsonNode actual, JsonNode expected) {
			for (Map.Entry<String, JsonNode> field : expected.properties()) {
				JsonNode value = actual.get(field.getKey());
				if (value == null) {
					return false;
				}
				if (field.getValue().isObject()) {
					if (!value.isObject() || !containsSubset(value, field.getValue())) {
						return false;
					}
				}
				else if (!EvalJson.pyEquals(value, field.getValue())) {
					return false;
				}
			}
			return true;
		}

	}

	static final class ToolSequence implements Grader {

		@Override
		public String name() {
			return "tool_sequence";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			List<String> expected = evalCase.expected().toolSequence();
			if (expected == null) {
				return GradeResult.skipped(name(), "expected.tool_sequence was not provided.");
			}
			List<String> actual = run.toolCalls().stream().map(ToolCall::name).toList();
			Map<String, JsonNode> metadata = EvalJson.map("expected_sequence", expected, "actual_sequence", actual);
			return actual.equals(expected)
					? GradeResult.passed(name(), "Tool calls matched the expected sequence.", metadata)
					: GradeResult.failed(name(), "Tool calls did not match the expected sequence.", metadata);
		}

	}

}
