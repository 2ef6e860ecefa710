package ai.northstar.sample.agent;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the research agent finds nothing to answer with. The run it was traced in ends with status
 * {@code error} and this exception as its error.
 *
 * @since 0.1.0
 */
public class NoAnswerException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable UUID traceId;

	/**
	 * Creates an exception.
	 * @param question the question that could not be answered
	 * @param traceId the id of the run, if traced
	 */
	public NoAnswerException(String question, @Nullable UUID traceId) {
		super("No document in the corpus answers: " + question);
		this.traceId = traceId;
	}

	/**
	 * Returns the id of the run that recorded the attempt.
	 * @return the trace id, {@code null} when tracing is off
	 */
	public @Nullable UUID getTraceId() {
		return this.traceId;
	}

}
