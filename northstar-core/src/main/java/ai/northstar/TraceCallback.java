package ai.northstar;

/**
 * The body of a callback-form session, run or span: the record ends when the body returns or throws, with status
 * {@link RunStatus#ERROR} and the error object when it throws. The body's exception is rethrown unchanged.
 *
 * <pre>{@code
 * String answer = session.run("research-agent", run -> {
 *     run.recordUserInput(question);
 *     return agent.answer(question);
 * });
 * }</pre>
 *
 * @param <R> the record handed to the body ({@link Run} or {@link Span})
 * @param <T> the body's result
 * @param <E> the exception the body may throw
 * @since 0.1.0
 */
@FunctionalInterface
public interface TraceCallback<R, T, E extends Throwable> {

	/**
	 * Runs the body.
	 * @param record the open record
	 * @return the body's result
	 * @throws E when the body fails
	 */
	T doInTrace(R record) throws E;

}
