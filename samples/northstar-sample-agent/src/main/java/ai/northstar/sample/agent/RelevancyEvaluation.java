package ai.northstar.sample.agent;

import java.util.List;

import ai.northstar.Run;
import ai.northstar.sample.SampleProperties;
import ai.northstar.spring.ai.NorthstarEvaluations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.evaluation.RelevancyEvaluator;
import org.springframework.ai.document.Document;
import org.springframework.ai.evaluation.EvaluationRequest;
import org.springframework.ai.evaluation.Evaluator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;


/**
 * Judges the agent's answers with Spring AI's {@link RelevancyEvaluator} (an LLM judge: here the sample's fake
 * model), off the request on the application's task executor, and records the verdict on the run through
 * {@link NorthstarEvaluations}: the run gets a boolean score {@value #NAME} (and {@code relevancy_score}, 1 or 0),
 * and a span {@code evaluation relevancy}
 * in which the judge's model call is recorded, its cost counted as the run's {@code evaluation_cost_usd}.
 *
 * @since 0.1.0
 */
@Component
public class RelevancyEvaluation {

	/** The name of the evaluation and of its score. */
	public static final String NAME = "relevancy";

	private static final Logger logger = LoggerFactory.getLogger(RelevancyEvaluation.class);

	private final ObjectProvider<NorthstarEvaluations> evaluations;

	private final Evaluator evaluator;

	private final TaskExecutor executor;

	private final boolean enabled;

	/**
	 * Creates the evaluation.
	 * @param evaluations the evaluations of the NorthStar starter, absent when its Spring AI support is off
	 * @param judge a chat client builder for the judge (Spring AI's auto-configured one, so the judge is traced)
	 * @param executor the application's task executor, where evaluations run
	 * @param properties the sample's settings
	 */
	public RelevancyEvaluation(ObjectProvider<NorthstarEvaluations> evaluations, ChatClient.Builder judge,
			TaskExecutor executor, SampleProperties properties) {
		this.evaluations = evaluations;
		this.evaluator = RelevancyEvaluator.builder().chatClientBuilder(judge).build();
		this.executor = executor;
		this.enabled = properties.evaluation().enabled();
	}

	/**
	 * Judges an answer later, on the application's task executor.
	 * @param run the run that answered, kept from inside its trace
	 * @param question the question
	 * @param context the text of the documents the answer is based on
	 * @param answer the answer
	 */
	public void evaluateLater(Run run, String question, String context, String answer) {
		NorthstarEvaluations available = this.evaluations.getIfAvailable();
		if (!this.enabled || available == null) {
			return;
		}
		EvaluationRequest request = new EvaluationRequest(question, List.of(new Document(context)), answer);
		this.executor.execute(() -> {
			try {
				boolean relevant = available.evaluate(run, NAME, this.evaluator, request).isPass();
				logger.info("Judged the answer to '{}': {}", question, relevant ? "relevant" : "not relevant");
			}
			catch (RuntimeException ex) {
				logger.warn("Could not judge the answer to '{}': {}", question, ex.toString());
			}
		});
	}

}
