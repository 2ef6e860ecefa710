package ai.northstar.evals;

import java.util.Objects;

/**
 * An allowed transition between two states of the agent ({@code expected.trace.allowed_state_transitions}).
 *
 * @param fromState the state before
 * @param toState the state after
 * @since 0.1.0
 */
public record ExpectedStateTransition(String fromState, String toState) {

	public ExpectedStateTransition {
		Objects.requireNonNull(fromState, "fromState must not be null");
		Objects.requireNonNull(toState, "toState must not be null");
	}

}
