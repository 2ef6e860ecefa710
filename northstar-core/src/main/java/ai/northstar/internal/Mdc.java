package ai.northstar.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Writes the current trace and span ids to the SLF4J MDC when SLF4J is on the class path, so application logs
 * correlate with the dashboard. Not API: subject to change without notice.
 *
 * @since 0.1.0
 */
public final class Mdc {

	/** The MDC key of the current run id. */
	public static final String TRACE_ID = "northstar.trace_id";

	/** The MDC key of the current span id. */
	public static final String SPAN_ID = "northstar.span_id";

	private static final boolean PRESENT = isPresent();

	private Mdc() {
	}

	private static boolean isPresent() {
		try {
			Class.forName("org.slf4j.MDC", false, Mdc.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Sets the ids.
	 * @param traceId the run id
	 * @param spanId the span id, if any
	 */
	public static void set(UUID traceId, @Nullable UUID spanId) {
		if (!PRESENT) {
			return;
		}
		try {
			MDC.put(TRACE_ID, traceId.toString());
			if (spanId != null) {
				MDC.put(SPAN_ID, spanId.toString());
			}
			else {
				MDC.remove(SPAN_ID);
			}
		}
		catch (RuntimeException ex) {
			// A broken MDC adapter must not hurt the application.
		}
	}

	/**
	 * Removes the ids.
	 */
	public static void clear() {
		if (!PRESENT) {
			return;
		}
		try {
			MDC.remove(TRACE_ID);
			MDC.remove(SPAN_ID);
		}
		catch (RuntimeException ex) {
			// A broken MDC adapter must not hurt the application.
		}
	}

}
