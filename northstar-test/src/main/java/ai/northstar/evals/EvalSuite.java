package ai.northstar.evals;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import ai.northstar.Northstar;
import ai.northstar.ScoreOptions;
import ai.northstar.evals.grader.Graders;
import ai.northstar.evals.internal.EvalJson;
import ai.northstar.evals.judge.JudgeFailures;
import ai.northstar.test.NorthstarRecorder;
import ai.northstar.test.RecordedRun;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Runs graders over the cases of a dataset into an {@link EvalResult}, as the Python SDK's {@code EvalSuite}: each
 * grader grades each case; a grader that throws gives a failed grade with the exception's type and message (and,
 * for a judge, an actionable reason from {@link JudgeFailures}); a case is failed when a grade failed, not evaluated
 * when every grade was skipped; {@code pass_rate = passed / evaluated}.
 * <p>
 * Cases are evaluated on their own transcript and trace ({@link #run(Dataset)}), or on a run of an agent
 * ({@link #run(Dataset, NorthstarRecorder, EvalAgent)}). With {@link Builder#publishScoresTo(Northstar)}, each grade
 * that applied is also recorded as a boolean score on the case's run, named after the grader, with the reason as its
 * comment.
 *
 * <pre>{@code
 * EvalResult result = EvalSuite.builder()
 *     .graders(Graders.deterministic())
 *     .grader(RubricJudge.create("rubric_judge", judgeModel))
 *     .build()
 *     .run(Dataset.fromPath(Path.of("src/test/resources/evals/support.jsonl")));
 * assertThat(result.passRate()).isGreaterThanOrEqualTo(0.9);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EvalSuite {

	/** How long {@link #run(Dataset, NorthstarRecorder, EvalAgent)} waits for the run of one case. */
	public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofSeconds(30);

	private static final int MAX_COMMENT_LENGTH = 1000;

	private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

	private final List<Grader> graders;

	private final String plan;

	private final Map<String, JsonNode> metadata;

	private final Clock clock;

	private final @Nullable Northstar scoreClient;

	private final Duration runTimeout;

	private EvalSuite(Builder builder) {
		this.graders = List.copyOf(builder.graders);
		this.plan = builder.plan;
		this.metadata = EvalJson.copy(builder.metadata);
		this.clock = builder.clock;
		this.scoreClient = builder.scoreClient;
		this.runTimeout = builder.runTimeout;
	}

	/**
	 * Returns a builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the graders.
	 * @return the graders, in order
	 */
	public List<Grader> graders() {
		return this.graders;
	}

	/**
	 * Grades every case on its own transcript and trace.
	 * @param dataset the cases
	 * @return the result
	 */
	public EvalResult run(Iterable<EvalCase> dataset) {
		List<CaseResult> results = new ArrayList<>();
		for (EvalCase evalCase : dataset) {
			results.add(grade(evalCase));
		}
		return finish(results);
	}

	/**
	 * Runs an agent once per case and grades the run it recorded: the case's expectations, on the transcript, trace
	 * and metrics of that run ({@link EvalCase#withRun(RecordedRun)}). The recorder must be the transport of the
	 * client the agent traces with. When the agent recorded no run, the case is graded on its own transcript with
	 * the agent's answer appended.
	 * @param dataset the cases
	 * @param recorder the recorder of the agent's client
	 * @param agent the agent
	 * @return the result
	 */
	public EvalResult run(Iterable<EvalCase> dataset, NorthstarRecorder recorder, EvalAgent agent) {
		List<CaseResult> results = new ArrayList<>();
		for (EvalCase evalCase : dataset) {
			Set<UUID> known = recorder.runIds();
			Object answer = null;
			Exception failure = null;
			try {
				answer = agent.run(evalCase);
			}
			catch (Exception ex) {
				failure = ex;
			}
			List<RecordedRun> runs = recorder.awaitNewRuns(known, this.runTimeout);
			EvalCase evaluated = runs.isEmpty() ? withAnswer(evalCase, answer) : evalCase.withRun(runs.get(0));
			if (failure != null) {
				Map<String, JsonNode> metadata = new LinkedHashMap<>(evaluated.metadata());
				metadata.put("agent_error", EvalJson.toJson(failure.getClass().getSimpleName() + ": " + failure.getMessage()));
				evaluated = new EvalCase(evaluated.id(), evaluated.messages(), evaluated.input(), evaluated.trace(),
						evaluated.expected(), evaluated.metrics(), metadata);
			}
			results.add(grade(evaluated));
		}
		return finish(results);
	}

	private static EvalCase withAnswer(EvalCase evalCase, @Nullable Object answer) {
		if (answer == null) {
			return evalCase;
		}
		List<JsonNode> messages = new ArrayList<>(evalCase.messages());
		messages.add(EvalJson.NODES.objectNode().put("role", "assistant").set("content", EvalJson.toJson(answer)));
		return new EvalCase(evalCase.id(), messages, evalCase.input(), evalCase.trace(), evalCase.expected(),
				evalCase.metrics(), evalCase.metadata());
	}

	private CaseResult grade(EvalCase evalCase) {
		EvalRun run = EvalRun.of(evalCase);
		List<GradeResult> grades = new ArrayList<>(this.graders.size());
		for (Grader grader : this.graders) {
			grades.add(grade(grader, evalCase, run));
		}
		String runId = (run.trace() != null) ? run.trace().run().runId() : null;
		CaseResult result = new CaseResult(evalCase.id(), CaseResult.statusOf(grades), grades, runId);
		publish(result);
		return result;
	}

	private GradeResult grade(Grader grader, EvalCase evalCase, EvalRun run) {
		try {
			GradeResult result = grader.grade(evalCase, run);
			if (result == null) {
				throw new IllegalStateException("Grader '" + grader.name() + "' returned no grade");
			}
			return result;
		}
		catch (Exception ex) {
			String type = ex.getClass().getSimpleName();
			String model = grader.judgeModel();
			String reason;
			String feedback;
			if (model != null && grader.requiresFeedback()) {
				JudgeFailures.Failure failure = JudgeFailures.describe(ex, model);
				reason = failure.reason();
				feedback = failure.feedback();
			}
			else {
				reason = "Grader raised " + type + ": " + ex.getMessage();
				feedback = grader.requiresFeedback() ? "The LLM judge errored before producing feedback." : null;
			}
			Map<String, JsonNode> metadata = new LinkedHashMap<>(
					EvalJson.map("error_type", type, "error_message", String.valueOf(ex.getMessage())));
			if (model != null) {
				metadata.put("judge_model", EvalJson.toJson(model));
			}
			return GradeResult.failed(grader.name(), reason, metadata).withFeedback(feedback);
		}
	}

	private void publish(CaseResult result) {
		Northstar client = this.scoreClient;
		if (client == null || result.runId() == null) {
			return;
		}
		UUID runId;
		try {
			runId = UUID.fromString(result.runId());
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		for (GradeResult grade : result.grades()) {
			if (grade.status() != GradeStatus.SKIPPED) {
				String comment = grade.reason();
				if (comment.length() > MAX_COMMENT_LENGTH) {
					int end = Character.isHighSurrogate(comment.charAt(MAX_COMMENT_LENGTH - 1)) ? MAX_COMMENT_LENGTH - 1
							: MAX_COMMENT_LENGTH;
					comment = comment.substring(0, end) + "…";
				}
				client.score(runId, grade.name(), grade.isPassed(), ScoreOptions.builder().comment(comment).build());
			}
		}
	}

	private EvalResult finish(List<CaseResult> results) {
		Map<String, JsonNode> metadata = new LinkedHashMap<>();
		metadata.put("plan", EvalJson.toJson(this.plan));
		metadata.put("grader_names", EvalJson.toJson(this.graders.stream().map(Grader::name).toList()));
		metadata.put("created_at",
				EvalJson.toJson(OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC).format(CREATED_AT)));
		metadata.putAll(this.metadata);
		return EvalResult.of(metadata, results);
	}

	/**
	 * Builds an {@link EvalSuite}. Without graders, it runs {@link Graders#deterministic()}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final List<Grader> graders = new ArrayList<>();

		private boolean gradersSet;

		private String plan = Graders.DETERMINISTIC;

		private final Map<String, Object> metadata = new LinkedHashMap<>();

		private Clock clock = Clock.systemUTC();

		private @Nullable Northstar scoreClient;

		private Duration runTimeout = DEFAULT_RUN_TIMEOUT;

		private Builder() {
			this.graders.addAll(Graders.deterministic());
		}

		private void ownGraders() {
			if (!this.gradersSet) {
				this.graders.clear();
				this.gradersSet = true;
			}
		}

		/**
		 * Adds graders (the first call replaces the default deterministic graders).
		 * @param graders the graders
		 * @return this builder
		 */
		public Builder graders(List<? extends Grader> graders) {
			ownGraders();
			graders.forEach(this::grader);
			return this;
		}

		/**
		 * Adds a grader (the first call replaces the default deterministic graders).
		 * @param grader the grader
		 * @return this builder
		 */
		public Builder grader(Grader grader) {
			ownGraders();
			this.graders.add(Objects.requireNonNull(grader, "grader must not be null"));
			return this;
		}

		/**
		 * Sets the plan written in the result's metadata ({@value Graders#DETERMINISTIC} by default).
		 * @param plan the plan name
		 * @return this builder
		 */
		public Builder plan(String plan) {
			this.plan = Objects.requireNonNull(plan, "plan must not be null");
			return this;
		}

		/**
		 * Adds an entry to the result's metadata.
		 * @param key the key
		 * @param value the value, converted to JSON
		 * @return this builder
		 */
		public Builder metadata(String key, @Nullable Object value) {
			this.metadata.put(Objects.requireNonNull(key, "key must not be null"), value);
			return this;
		}

		/**
		 * Sets the clock of {@code created_at}.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Records each grade that applied as a boolean score on the case's run, through this client.
		 * @param client the client
		 * @return this builder
		 */
		public Builder publishScoresTo(Northstar client) {
			this.scoreClient = Objects.requireNonNull(client, "client must not be null");
			return this;
		}

		/**
		 * Sets how long an agent's run may take to be recorded and end.
		 * @param runTimeout the timeout
		 * @return this builder
		 */
		public Builder runTimeout(Duration runTimeout) {
			this.runTimeout = Objects.requireNonNull(runTimeout, "runTimeout must not be null");
			return this;
		}

		/**
		 * Builds the suite.
		 * @return the suite
		 */
		public EvalSuite build() {
			return new EvalSuite(this);
		}

	}

}
