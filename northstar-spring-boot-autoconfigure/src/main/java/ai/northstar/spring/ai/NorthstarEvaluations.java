package ai.northstar.spring.ai;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import ai.northstar.Northstar;
import ai.northstar.Run;
import ai.northstar.ScoreOptions;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.TraceContext;
import ai.northstar.internal.NorthstarInternals;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.evaluation.EvaluationRequest;
import org.springframework.ai.evaluation.EvaluationResponse;
import org.springframework.ai.evaluation.Evaluator;

/**
 * Runs Spring AI {@link Evaluator}s on a recorded run and records their verdicts as its scores, so an answer's
 * evaluation shows on the dashboard with the run it judges.
 *
 * <pre>{@code
 * EvaluationResponse relevance = evaluations.evaluate(traceId, "relevancy",
 *         RelevancyEvaluator.builder().chatClientBuilder(judge).build(),
 *         new EvaluationRequest(question, documents, answer));
 * }</pre>
 * <p>
 * While the run is still held by this process (it was recorded lately), the evaluator runs inside a {@code CUSTOM}
 * span {@code evaluation {name}} of that run, current while it runs: the judge's own model calls nest there, and
 * their cost goes to the run's {@code evaluation_cost_usd}, not its {@code cost_usd}, also when the run has ended.
 * The verdict is written as a boolean score {@code name} ({@link EvaluationResponse#isPass()}) and, when the
 * response carries a score other than {@code 0} (the value of a response built without one), a numeric score
 * {@code {name}_score}, both with the evaluator's feedback as their comment. For a run this process does not hold,
 * the scores are written to its id without a span. Evaluating off the request path, on another thread, is the
 * usual way: keep the run ({@code TraceContext.current().run()}) and pass it.
 * <p>
 * The evaluator's response is returned, and its exception propagates unchanged; recording never fails the call.
 *
 * @since 0.1.0
 */
public final class NorthstarEvaluations {

	private static final Log logger = LogFactory.getLog(NorthstarEvaluations.class);

	private final Northstar northstar;

	/**
	 * Creates the evaluations of a client.
	 * @param northstar the client
	 */
	public NorthstarEvaluations(Northstar northstar) {
		this.northstar = Objects.requireNonNull(northstar, "northstar must not be null");
	}

	/**
	 * Evaluates a run given by its id and records the verdict as its scores. The evaluation gets its span when this
	 * process still holds the run: code that evaluates later, on another thread, should keep the {@link Run} and call
	 * {@link #evaluate(Run, String, Evaluator, EvaluationRequest)}.
	 * @param traceId the id of the run judged
	 * @param name the evaluation's name, the name of its scores, not blank
	 * @param evaluator the evaluator
	 * @param request what it judges
	 * @return the evaluator's response
	 * @throws IllegalArgumentException when the name is blank
	 */
	public EvaluationResponse evaluate(UUID traceId, String name, Evaluator evaluator, EvaluationRequest request) {
		Objects.requireNonNull(traceId, "traceId must not be null");
		check(name, evaluator);
		return evaluate(traceId, findRun(traceId), name, evaluator, request);
	}

	/**
	 * Evaluates a run and records the verdict as its scores, the evaluator running in the run's span
	 * {@code evaluation {name}}, also when the run has ended.
	 * @param run the run judged, for example {@code TraceContext.current().run()} kept from inside the trace
	 * @param name the evaluation's name, the name of its scores, not blank
	 * @param evaluator the evaluator
	 * @param request what it judges
	 * @return the evaluator's response
	 * @throws IllegalArgumentException when the name is blank
	 */
	public EvaluationResponse evaluate(Run run, String name, Evaluator evaluator, EvaluationRequest request) {
		Objects.requireNonNull(run, "run must not be null");
		check(name, evaluator);
		return evaluate(run.id(), run, name, evaluator, request);
	}

	private static void check(String name, Evaluator evaluator) {
		Objects.requireNonNull(evaluator, "evaluator must not be null");
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
	}

	private EvaluationResponse evaluate(UUID traceId, @Nullable Run run, String name, Evaluator evaluator,
			EvaluationRequest request) {
		Span span = (run != null) ? openSpan(run, name, evaluator) : null;
		if (span == null) {
			EvaluationResponse response = evaluator.evaluate(request);
			score(traceId, name, response, null);
			return response;
		}
		EvaluationResponse response;
		try (TraceContext.Scope scope = TraceContext.of(span).makeCurrent()) {
			response = evaluator.evaluate(request);
		}
		catch (RuntimeException | Error ex) {
			close(span, ex);
			throw ex;
		}
		try {
			span.setAttribute("pass", response.isPass());
			span.setAttribute("score", response.getScore());
		}
		catch (RuntimeException ex) {
			logger.debug("NorthStar could not record the evaluation's verdict", ex);
		}
		close(span, null);
		score(traceId, name, response, span.id());
		return response;
	}

	private @Nullable Run findRun(UUID traceId) {
		if (!this.northstar.isEnabled()) {
			return null;
		}
		try {
			Optional<Run> run = NorthstarInternals.findRun(this.northstar, traceId);
			if (run.isEmpty()) {
				logger.debug("NorthStar evaluates run " + traceId + " without a span: this process does not hold it");
			}
			return run.orElse(null);
		}
		catch (RuntimeException ex) {
			logger.debug("NorthStar could not find the evaluated run", ex);
			return null;
		}
	}

	private @Nullable Span openSpan(Run run, String name, Evaluator evaluator) {
		if (!this.northstar.isEnabled()) {
			return null;
		}
		try {
			Span span = run.span("evaluation " + name, SpanKind.CUSTOM);
			NorthstarInternals.markEvaluation(span);
			span.setAttribute("evaluator", evaluator.getClass().getName());
			return span;
		}
		catch (RuntimeException ex) {
			logger.debug("NorthStar could not open the evaluation's span", ex);
			return null;
		}
	}

	private static void close(Span span, @Nullable Throwable failure) {
		try {
			if (failure != null) {
				span.recordError(failure);
			}
			span.close();
		}
		catch (RuntimeException ex) {
			logger.debug("NorthStar could not close the evaluation's span", ex);
		}
	}

	private void score(UUID traceId, String name, EvaluationResponse response, @Nullable UUID spanId) {
		if (!this.northstar.isEnabled()) {
			return;
		}
		try {
			ScoreOptions.Builder options = ScoreOptions.builder().spanId(spanId);
			String feedback = response.getFeedback();
			if (feedback != null && !feedback.isBlank()) {
				options.comment(feedback);
			}
			ScoreOptions built = options.build();
			this.northstar.score(traceId, name, response.isPass(), built);
			if (response.getScore() != 0f && Float.isFinite(response.getScore())) {
				this.northstar.score(traceId, name + "_score", response.getScore(), built);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("NorthStar could not record the scores of evaluation '" + name + "': " + ex.getMessage());
		}
	}

}
