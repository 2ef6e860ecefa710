package ai.northstar;

/**
 * The body of a high-level {@link Northstar#trace(String, TracedCallable) trace} or
 * {@link Northstar#span(String, SpanKind, TracedCallable) span} block; the block's record is current while it runs.
 *
 * @param <T> the body's result
 * @param <E> the exception the body may throw
 * @since 0.1.0
 */
@FunctionalInterface
public interface TracedCallable<T, E extends Throwable> {

	/**
	 * Runs the body.
	 * @return the body's result
	 * @throws E when the body fails
	 */
	T call() throws E;

}
