package ai.northstar.evals.grader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ai.northstar.evals.EvalCase;
import ai.northstar.evals.EvalRun;
import ai.northstar.evals.ExpectedStateTransition;
import ai.northstar.evals.GradeResult;
import ai.northstar.evals.Grader;
import ai.northstar.evals.TraceDag;
import ai.northstar.evals.TraceDag.TraceEvent;
import ai.northstar.evals.TraceDag.TraceSpan;
import ai.northstar.evals.TraceExpected;
import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deterministic graders of a trace: {@code bad_tool_failure_recovery}, {@code unnecessary_tool_loop},
 * {@code stale_context_usage}, {@code invalid_state_transition}, {@code retrieval_precision_recall},
 * {@code step_cost_attribution} and {@code failure_origin}. Each is skipped when the case has no trace, or the
 * trace holds nothing it can judge.
 */
final class TraceGraders {

	static final int DEFAULT_MAX_REPEATED_TOOL_CALLS = 3;

	private static final String NO_TRACE = "Trace DAG was not provided.";

	private static final Set<String> RECOVERY_TYPES = Set.of("assistant_message", "reasoning", "final_response");

	private TraceGraders() {
	}

	static final class BadToolFailureRecovery implements Grader {

		@Override
		public String name() {
			return "bad_tool_failure_recovery";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			TraceDag trace = run.trace();
			if (trace == null) {
				return GradeResult.skipped(name(), NO_TRACE);
			}
			List<TraceSpan> failed = trace.spans()
				.stream()
				.filter((span) -> span.kind().equals("tool") && span.hasError())
				.toList();
			if (failed.isEmpty()) {
				return GradeResult.skipped(name(), "Trace did not contain failed tool spans.");
			}
			ArrayNode bad = EvalJson.NODES.arrayNode();
			for (TraceSpan span : failed) {
				boolean recovered = eventsAfter(trace, span).stream()
					.anyMatch((event) -> RECOVERY_TYPES.contains(event.type()));
				if (!recovered) {
					ObjectNode item = bad.addObject();
					item.put("span_id", span.id());
					item.put("tool", span.name());
					item.set("error", (span.error() != null) ? span.error() : NullNode.getInstance());
				}
			}
			if (bad.isEmpty()) {
				return GradeResult.passed(name(), "Every failed tool span had subsequent recovery evidence.",
						EvalJson.map("failed_tool_count", failed.size()));
			}
			return GradeResult.failed(name(), "A failed tool span was not followed by recovery evidence.",
					EvalJson.map("failed_tools", bad));
		}

		private static List<TraceEvent> eventsAfter(TraceDag trace, TraceSpan span) {
			int lastOrder = trace.events()
				.stream()
				.filter((event) -> span.id().equals(event.spanId()))
				.mapToInt(TraceEvent::order)
				.max()
				.orElse(-1);
			if (lastOrder >= 0) {
				return trace.events().stream().filter((event) -> event.order() > lastOrder).toList();
			}
			if (span.startedAt() == null) {
				return List.of();
			}
			return trace.events()
				.stream()
				.filter((event) -> event.createdAt() != null && after(event.createdAt(), span.startedAt()))
				.toList();
		}

		private static boolean after(String time, String reference) {
			Instant left = TraceDag.parseTime(time);
			Instant right = TraceDag.parseTime(reference);
			return (left != null && right != null) ? left.isAfter(right) : time.compareTo(reference) > 0;
		}

	}

	static final class UnnecessaryToolLoop implements Grader {

		@Override
		public String name() {
			return "unnecessary_tool_loop";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			TraceDag trace = run.trace();
			if (trace == null) {
				return GradeResult.skipped(name(), NO_TRACE);
			}
			TraceExpected expected = evalCase.expected().trace();
			int maxRepeats = (expected != null && expected.maxRepeatedToolCalls() != null)
					? expected.maxRepeatedToolCalls() : DEFAULT_MAX_REPEATED_TOOL_CALLS;
			List<TraceEvent> calls = trace.events()
				.stream()
				.filter((event) -> event.type().equals("tool_arguments") && event.spanId() != null)
				.toList();
			if (calls.size() < 2) {
				return GradeResult.skipped(name(), "Trace did not contain repeated tool calls.");
			}
			Map<String, TraceSpan> spans = new LinkedHashMap<>();
			trace.spans().forEach((span) -> spans.put(span.id(), span));
			Map<String, List<String>> signatures = new LinkedHashMap<>();
			for (TraceEvent event : calls) {
				TraceSpan span = spans.get(event.spanId());
				if (span != null) {
					signatures.computeIfAbsent(signature(span.name(), event.content()), (key) -> new ArrayList<>())
						.add(event.id());
				}
			}
			ArrayNode loops = EvalJson.NODES.arrayNode();
			signatures.forEach((signature, ids) -> {
				if (ids.size() > maxRepeats) {
					ObjectNode loop = loops.addObject();
					loop.put("signature", signature);
					loop.set("event_ids", EvalJson.toJson(ids));
					loop.put("count", ids.size());
				}
			});
			if (loops.isEmpty()) {
				return GradeResult.passed(name(), "No repeated tool signature exceeded the loop threshold.",
						EvalJson.map("max_repeated_tool_calls", maxRepeats));
			}
			return GradeResult.failed(name(), "A tool call signature repeated beyond the loop threshold.",
					EvalJson.map("max_repeated_tool_calls", maxRepeats, "loop_signatures", loops));
		}

		static String signature(String name, JsonNode content) {
			ObjectNode signature = EvalJson.NODES.objectNode();
			signature.put("name", name);
			signature.set("arguments", canonicalArguments(content));
			return EvalJson.dumps(signature, true);
		}

		private static JsonNode canonicalArguments(JsonNode content) {
			if (content.isObject()) {
				if (content.has("arguments")) {
					return EvalJson.parseToolArguments(content.get("arguments"));
				}
				if (content.has("kwargs")) {
					return content.get("kwargs");
				}
			}
			return content;
		}

	}

	static final class StaleContextUsage implements Grader {

		@Override
		public String name() {
			return "stale_context_usage";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			TraceDag trace = run.trace();
			if (trace == null) {
				return GradeResult.skipped(name(), NO_TRACE);
			}
			List<TraceEvent> stale = trace.events()
				.stream()
				.filter((event) -> EvalJson.truthy(event.attributes().get("stale"))
						|| EvalJson.truthy(event.attributes().get("stale_context"))
						|| EvalJson.truthy(event.attributes().get("used_stale_context")))
				.toList();
			if (stale.isEmpty()) {
				if (trace.events().stream().noneMatch((event) -> RECOVERY_TYPES.contains(event.type()))) {
					return GradeResult.skipped(name(), "Trace did not contain context-use events.");
				}
				return GradeResult.passed(name(), "No stale context markers were found.", Map.of());
			}
			return GradeResult.failed(name(), "Trace contained stale context usage markers.",
					EvalJson.map("event_ids", stale.stream().map(TraceEvent::id).toList(), "span_ids",
							stale.stream().map(TraceEvent::spanId).filter((id) -> id != null).toList()));
		}

	}

	static final class InvalidStateTransition implements Grader {

		@Override
		public String name() {
			return "invalid_state_transition";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			TraceDag trace = run.trace();
			if (trace == null) {
				return GradeResult.skipped(name(), NO_TRACE);
			}
			TraceExpected expected = evalCase.expected().trace();
			if (expected == null || expected.allowedStateTransitions() == null) {
				return GradeResult.skipped(name(), "expected.trace.allowed_state_transitions was not provided.");
			}
			List<ExpectedStateTransition> allowed = expected.allowedStateTransitions();
			List<String> states = new ArrayList<>();
			for (TraceEvent event : trace.events()) {
				String state = state(event);
				if (state != null) {
					states.add(state);
				}
			}
			if (states.size() < 2) {
				return GradeResult.skipped(name(), "Trace did not contain state transition events.");
			}
			ArrayNode invalid = EvalJson.NODES.arrayNode();
			for (int i = 1; i < states.size(); i++) {
				ExpectedStateTransition transition = new ExpectedStateTransition(states.get(i - 1), states.get(i));
				if (!allowed.contains(transition)) {
					invalid.addObject().put("from_state", transition.fromState()).put("to_state", transition.toState());
				}
			}
			if (invalid.isEmpty()) {
				return GradeResult.passed(name(), "All observed state transitions were allowed.",
						EvalJson.map("states", states));
			}
			return GradeResult.failed(name(), "Trace contained invalid state transitions.",
					EvalJson.map("states", states, "invalid_transitions", invalid));
		}

		private static @Nullable String state(TraceEvent event) {
			for (JsonNode source : List.of(EvalJson.toJson(event.attributes()),
					event.content().isObject() ? event.content() : EvalJson.NODES.objectNode())) {
				JsonNode state = source.get("state");
				if (!EvalJson.pyTruthy(state)) {
					state = source.get("to_state");
				}
				if (state != null && !state.isNull()) {
					return EvalJson.pyStr(state);
				}
			}
			return null;
		}

	}

	static final class RetrievalPrecisionRecall implements Grader {

		@Override
		public String name() {
			return "retrieval_precision_recall";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			TraceDag trace = run.trace();
			if (trace == null) {
				return GradeResult.skipped(name(), NO_TRACE);
			}
			TraceExpected expected = evalCase.expected().trace();
			if (expected == null || expected.relevantRetrievalIds() == null
					|| (expected.minRetrievalPrecision() == null && expected.minRetrievalRecall() == null)) {
				return GradeResult.skipped(name(), "expected.trace retrieval ids and thresholds were not provided.");
			}
			Set<String> retrieved = new TreeSet<>();
			trace.events()
				.stream()
				.filter((event) -> event.type().equals("tool_result"))
				.forEach((event) -> retrieved.addAll(Retrievals.ids(event.content())));
			if (retrieved.isEmpty()) {
				return GradeResult.skipped(name(), "Trace did not contain retrieval result ids.");
			}
			Set<String> relevant = new TreeSet<>(expected.relevantRetrievalIds());
			Set<String> hits = new TreeSet<>(retrieved);
			hits.retainAll(relevant);
			double precision = (double) hits.size() / retrieved.size();
			double recall = relevant.isEmpty() ? 1.0 : (double) hits.size() / relevant.size();
			Double minPrecision = expected.minRetrievalPrecision();
			Double minRecall = expected.minRetrievalRecall();
			boolean passed = (minPrecision == null || precision >= minPrecision)
					&& (minRecall == null || recall >= minRecall);
			Map<String, JsonNode> metadata = EvalJson.map("retrieved_ids", retrieved, "relevant_ids", relevant,
					"true_positive_ids", hits, "retrieved_count", retrieved.size(), "relevant_count", relevant.size(),
					"true_positive_count", hits.size(), "precision", EvalJson.round(precision, 4), "recall",
					EvalJson.round(recall, 4), "min_precision", minPrecision, "min_recall", minRecall);
			double score = Math.min(precision, recall);
			double threshold = Math.max((minPrecision != null) ? minPrecision : 0, (minRecall != null) ? minRecall : 0);
			return (passed ? GradeResult.passed(name(), "Retrieval precision/recall met configured thresholds.", metadata)
					: GradeResult.failed(name(), "Retrieval precision/recall missed configured thresholds.", metadata))
				.withScore(score, threshold);
		}

	}

	static final class StepCostAttribution implements Grader {

		@Override
		public String name() {
			return "step_cost_attribution";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			TraceDag trace = run.trace();
			if (trace == null) {
				return GradeResult.skipped(name(), NO_TRACE);
			}
			ArrayNode costs = EvalJson.NODES.arrayNode();
			double total = 0;
			for (TraceSpan span : trace.spans()) {
				JsonNode cost = span.attributes().get("cost_usd");
				if (cost == null || !cost.isNumber()) {
					continue;
				}
				ObjectNode step = costs.addObject();
				step.put("span_id", span.id());
				step.put("span_name", span.name());
				step.put("kind", span.kind());
				step.put("cost_usd", cost.asDouble());
				for (String key : List.of("input_tokens", "output_tokens", "total_tokens")) {
					step.set(key, span.attributes().getOrDefault(key, NullNode.getInstance()));
				}
				total += cost.asDouble();
			}
			if (costs.isEmpty()) {
				return GradeResult.skipped(name(), "Trace did not contain span cost attributes.");
			}
			Double limit = (evalCase.expected().trace() != null) ? evalCase.expected().trace().maxStepCostUsd() : null;
			ArrayNode over = EvalJson.NODES.arrayNode();
			for (JsonNode step : costs) {
				if (limit != null && step.get("cost_usd").asDouble() > limit) {
					over.add(step);
				}
			}
			Map<String, JsonNode> metadata = EvalJson.map("step_costs", costs, "total_cost_usd",
					EvalJson.round(total, 8), "max_step_cost_usd", limit);
			if (!over.isEmpty()) {
				Map<String, JsonNode> withOver = new LinkedHashMap<>(metadata);
				withOver.put("over_limit", over);
				return GradeResult.failed(name(), "One or more trace steps exceeded the configured cost limit.", withOver);
			}
			return GradeResult.passed(name(), "Trace included per-step cost attribution.", metadata);
		}

	}

	static final class FailureOrigin implements Grader {

		@Override
		public String name() {
			return "failure_origin";
		}

		@Override
		public GradeResult grade(EvalCase evalCase, EvalRun run) {
			TraceDag trace = run.trace();
			if (trace == null) {
				return GradeResult.skipped(name(), NO_TRACE);
			}
			List<TraceSpan> failedSpans = trace.spans().stream().filter(TraceSpan::hasError).toList();
			List<TraceEvent> failedEvents = trace.events()
				.stream()
				.filter((event) -> EvalJson.truthy(event.attributes().get("error"))
						|| EvalJson.truthy(event.attributes().get("failed")))
				.toList();
			ObjectNode runError = trace.run().error();
			if (failedSpans.isEmpty() && failedEvents.isEmpty() && (runError == null || runError.isEmpty())) {
				return GradeResult.skipped(name(), "Trace did not contain failure evidence.");
			}
			TraceSpan origin = failedSpans.stream()
				.min(Comparator.comparing((TraceSpan span) -> (span.startedAt() != null) ? span.startedAt() : ""))
				.orElse(null);
			Map<String, JsonNode> metadata = EvalJson.map("failure_origin_span",
					(origin != null) ? origin.toJson() : null, "failing_span_ids",
					failedSpans.stream().map(TraceSpan::id).toList(), "failing_event_ids",
					failedEvents.stream().map(TraceEvent::id).toList(), "run_error", runError);
			return GradeResult.failed(name(), "Failure evidence begins at the reported span/event.", metadata)
				.withEvidence(List.of((origin != null) ? origin.name() + " (" + origin.id() + ")" : "run_error"));
		}

	}

}
