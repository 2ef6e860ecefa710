package ai.northstar.evals.grader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.northstar.evals.EvalCase;
import ai.northstar.evals.EvalRun;
import ai.northstar.evals.GradeResult;
import ai.northstar.evals.Grader;
import ai.northstar.evals.ToolOutput;
import ai.northstar.evals.internal.EvalJson;
import tools.jackson.databind.JsonNode;

/**
 * The graders of the final response: {@code tool_output_referenced}, {@code contains}, {@code not_contains} and
 * {@code ground_truth_match}; and the limits {@code latency_under} and {@code cost_under}.
 */
final class OutputGraders {

	/** The least share of a tool output's meaningful terms the response must repeat. */
	static final double OVERLAP_THRESHOLD = 0.35;

	private OutputGraders() {
	}

	static GradeResult noFinalResponse(String name) {
		return GradeResult.failed(name, "Final response was not found.", Map.of());
	}

	static final class ToolOutputReferenced implements Grader {

		@Override
		public String name() {
			return "tool_output_referenced";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			Boolean required = evalCase.expected().requireToolOutputReference();
			if (required == null) {
				return GradeResult.skipped(name(), "expected.require_tool_output_reference was not provided.");
			}
			if (!required) {
				return GradeResult.skipped(name(), "Tool output reference was not required.");
			}
			if (run.finalResponse() == null) {
				return noFinalResponse(name());
			}
			List<String> outputs = new ArrayList<>();
			for (ToolOutput output : run.toolOutputs()) {
				if (!output.content().isNull()) {
					String text = EvalJson.text(output.content());
					if (!text.isEmpty()) {
						outputs.add(text);
					}
				}
			}
			if (outputs.isEmpty()) {
				return GradeResult.failed(name(), "No tool outputs were available to reference.", Map.of());
			}
			Set<String> responseTerms = Texts.meaningfulTerms(run.finalResponse());
			double best = 0.0;
			String bestOutput = "";
			for (String output : outputs) {
				Set<String> outputTerms = Texts.meaningfulTerms(output);
				if (outputTerms.isEmpty()) {
					continue;
				}
				Set<String> shared = new HashSet<>(outputTerms);
				shared.retainAll(responseTerms);
				double overlap = (double) shared.size() / outputTerms.size();
				if (overlap > best) {
					best = overlap;
					bestOutput = output;
				}
			}
			Map<String, JsonNode> metadata = EvalJson.map("overlap", EvalJson.round(best, 4), "threshold",
					OVERLAP_THRESHOLD, "best_output", bestOutput);
			if (best >= OVERLAP_THRESHOLD) {
				return GradeResult.passed(name(), "Final response referenced tool output.", metadata)
					.withScore(best, OVERLAP_THRESHOLD)
					.withEvidence(List.of(bestOutput));
			}
			return GradeResult.failed(name(), "Final response was not sufficiently grounded in tool output.", metadata)
				.withScore(best, OVERLAP_THRESHOLD)
				.withEvidence(bestOutput.isEmpty() ? List.of() : List.of(bestOutput));
		}

	}

	static final class Contains implements Grader {

		@Override
		public String name() {
			return "contains";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			List<String> phrases = evalCase.expected().contains();
			if (phrases == null) {
				return GradeResult.skipped(name(), "expected.contains was not provided.");
			}
			if (run.finalResponse() == null) {
				return noFinalResponse(name());
			}
			String response = Texts.lower(run.finalResponse());
			List<String> missing = phrases.stream().filter((phrase) -> !response.contains(Texts.lower(phrase))).toList();
			if (missing.isEmpty()) {
				return GradeResult.passed(name(), "Final response contained all required phrases.",
						EvalJson.map("phrases", phrases));
			}
			return GradeResult.failed(name(), "Final response did not contain required phrases.",
					EvalJson.map("missing_phrases", missing, "phrases", phrases));
		}

	}

	static final class NotContains implements Grader {

		@Override
		public String name() {
			return "not_contains";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			List<String> phrases = evalCase.expected().notContains();
			if (phrases == null) {
				return GradeResult.skipped(name(), "expected.not_contains was not provided.");
			}
			if (run.finalResponse() == null) {
				return noFinalResponse(name());
			}
			String response = Texts.lower(run.finalResponse());
			List<String> found = phrases.stream().filter((phrase) -> response.contains(Texts.lower(phrase))).toList();
			if (found.isEmpty()) {
				return GradeResult.passed(name(), "Final response did not contain forbidden phrases.",
						EvalJson.map("phrases", phrases));
			}
			return GradeResult.failed(name(), "Final response contained forbidden phrases.",
					EvalJson.map("found_phrases", found, "phrases", phrases));
		}

	}

	static final class GroundTruthMatch implements Grader {

		@Override
		public String name() {
			return "ground_truth_match";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			String groundTruth = evalCase.expected().groundTruth();
			if (groundTruth == null) {
				return GradeResult.skipped(name(), "expected.ground_truth was not provided.");
			}
			if (run.finalResponse() == null) {
				return noFinalResponse(name());
			}
			Map<String, JsonNode> metadata = EvalJson.map("ground_truth", groundTruth);
			return Texts.normalize(run.finalResponse()).contains(Texts.normalize(groundTruth))
					? GradeResult.passed(name(), "Final response contained the ground truth.", metadata)
					: GradeResult.failed(name(), "Final response did not contain the ground truth.", metadata);
		}

	}

	static final class LatencyUnder implements Grader {

		@Override
		public String name() {
			return "latency_under";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			Double limit = evalCase.expected().maxLatencyMs();
			if (limit == null) {
				return GradeResult.skipped(name(), "expected.max_latency_ms was not provided.");
			}
			Double latency = evalCase.metrics().latencyMs();
			if (latency == null) {
				return GradeResult.failed(name(), "metrics.latency_ms was not provided.", EvalJson.map("limit_ms", limit));
			}
			String reason = "Latency was " + EvalJson.pyFloat(latency) + "ms, limit was " + EvalJson.pyFloat(limit) + "ms.";
			Map<String, JsonNode> metadata = EvalJson.map("actual_ms", latency, "limit_ms", limit);
			return (latency <= limit) ? GradeResult.passed(name(), reason, metadata)
					: GradeResult.failed(name(), reason, metadata);
		}

	}

	static final class CostUnder implements Grader {

		@Override
		public String name() {
			return "cost_under";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			Double limit = evalCase.expected().maxCostUsd();
			if (limit == null) {
				return GradeResult.skipped(name(), "expected.max_cost_usd was not provided.");
			}
			Double cost = evalCase.metrics().costUsd();
			if (cost == null) {
				return GradeResult.failed(name(), "metrics.cost_usd was not provided.", EvalJson.map("limit_usd", limit));
			}
			String reason = "Cost was $" + EvalJson.pyFloat(cost) + ", limit was $" + EvalJson.pyFloat(limit) + ".";
			Map<String, JsonNode> metadata = EvalJson.map("actual_usd", cost, "limit_usd", limit);
			return (cost <= limit) ? GradeResult.passed(name(), reason, metadata)
					: GradeResult.failed(name(), reason, metadata);
		}

	}

}
