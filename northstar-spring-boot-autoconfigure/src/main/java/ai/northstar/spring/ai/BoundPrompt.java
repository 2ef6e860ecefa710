package ai.northstar.spring.ai;

import ai.northstar.prompt.CompiledPrompt;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import org.jspecify.annotations.Nullable;

/**
 * The prompt a {@code ChatClient} call bound with {@link NorthstarAdvisorParams#bindPrompt}, kept in the call's
 * observation context (also when it bound none, so that a call nested in a tool of another never takes the outer
 * call's prompt), and found by the model rounds under it through their observations' parents.
 *
 * @param prompt the compiled prompt, {@code null} when the call bound none
 */
record BoundPrompt(@Nullable CompiledPrompt prompt) {

	/** How far up the observation parents to look for the call. */
	private static final int MAX_PARENT_DEPTH = 64;

	/** Keeps what a call's advisor parameter holds in the call's observation context. */
	static void remember(Observation.Context call, @Nullable Object parameter) {
		call.put(BoundPrompt.class, new BoundPrompt((parameter instanceof CompiledPrompt compiled) ? compiled : null));
	}

	/** Returns the prompt the nearest enclosing call bound, if any. */
	static @Nullable CompiledPrompt find(Observation.Context round) {
		ObservationView parent = round.getParentObservation();
		for (int depth = 0; parent != null && depth < MAX_PARENT_DEPTH; depth++) {
			Observation.ContextView view = parent.getContextView();
			BoundPrompt bound = view.get(BoundPrompt.class);
			if (bound != null) {
				return bound.prompt();
			}
			parent = view.getParentObservation();
		}
		return null;
	}

}
