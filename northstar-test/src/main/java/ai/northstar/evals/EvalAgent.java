package ai.northstar.evals;

import java.util.Objects;

import ai.northstar.Northstar;
import ai.northstar.Run;
import ai.northstar.TraceContext;
import org.jspecify.annotations.Nullable;

/**
 * The agent an {@link EvalSuite} runs once per case: it gets the case (its {@code input}, its {@code messages}) and
 * returns its answer. The suite evaluates the run the agent recorded; an agent whose entry point is not traced
 * (by {@code @NorthstarTrace}, or {@link Northstar#trace}) can be wrapped with {@link #traced}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EvalAgent {

	/**
	 * Runs the agent on a case.
	 * @param evalCase the case
	 * @return the answer, if any
	 * @throws Exception when the agent fails; the case is still evaluated, on what was recorded
	 */
	@Nullable Object run(EvalCase evalCase) throws Exception;

	/**
	 * Returns an agent run inside a new run of the client: the case's {@code input} (or its messages when it has no
	 * input) is recorded as the user input, and the answer as the final response.
	 * @param client the client
	 * @param runName the run name
	 * @param agent the agent
	 * @return the traced agent
	 */
	static EvalAgent traced(Northstar client, String runName, EvalAgent agent) {
		Objects.requireNonNull(client, "client must not be null");
		Objects.requireNonNull(runName, "runName must not be null");
		Objects.requireNonNull(agent, "agent must not be null");
		return (evalCase) -> client.trace(runName, () -> {
			Run run = TraceContext.current().run().orElse(null);
			if (run != null) {
				run.recordUserInput(evalCase.input().isNull() ? evalCase.messages() : evalCase.input());
			}
			Object answer = agent.run(evalCase);
			if (run != null) {
				run.recordFinalResponse(answer);
			}
			return answer;
		});
	}

}
