package ai.northstar.genai;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.northstar.Northstar;
import ai.northstar.Run;
import ai.northstar.TraceContext;
import org.jspecify.annotations.Nullable;

/**
 * The run an integration starts for a framework call made outside any trace, so that the call still appears on the
 * dashboard: named after the call ({@code chat_client}, {@code chat gpt-4o}...), with the last user message as its
 * {@code user_input} event and the final answer as its {@code final_response}, in the client's process session with
 * its {@code project} and {@code environment}, and ended (with {@code latency_ms}) when the call completes. Its
 * usage totals are the sum of its model spans', as for any run. The first end wins; thread-safe.
 *
 * @since 0.1.0
 */
public final class AutoTraceRun {

	private final Run run;

	private final long startNanos = System.nanoTime();

	private final AtomicBoolean ended = new AtomicBoolean();

	private AutoTraceRun(Run run) {
		this.run = run;
	}

	/**
	 * Starts a run for a call outside any trace.
	 * @param client the client
	 * @param name the run name, not blank
	 * @param userInput the last user message, recorded as {@code user_input} when not {@code null}
	 * @return the run, empty when tracing is off
	 */
	public static Optional<AutoTraceRun> start(Northstar client, String name, @Nullable Object userInput) {
		if (!client.isEnabled()) {
			return Optional.empty();
		}
		Run run = client.startRun(name, Map.of());
		if (userInput != null) {
			run.recordUserInput(userInput);
		}
		return Optional.of(new AutoTraceRun(run));
	}

	/**
	 * Returns the run.
	 * @return the run
	 */
	public Run run() {
		return this.run;
	}

	/**
	 * Returns the context in which the run is current, to open the call's spans in.
	 * @return the context
	 */
	public TraceContext context() {
		return TraceContext.of(this.run);
	}

	/**
	 * Ends the run {@code ok} with the final answer.
	 * @param finalResponse the final answer, recorded as {@code final_response} when not {@code null}
	 */
	public void succeed(@Nullable Object finalResponse) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		try {
			if (finalResponse != null) {
				this.run.recordFinalResponse(finalResponse);
			}
		}
		finally {
			close();
		}
	}

	/**
	 * Ends the run {@code error}.
	 * @param error the error
	 */
	public void fail(Throwable error) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		try {
			this.run.recordError(error);
		}
		finally {
			close();
		}
	}

	/**
	 * Ends the run as cancelled: status {@code error} with a {@link CancellationException} and metadata
	 * {@code cancelled: true}; the partial answer, if any, as {@code final_response}.
	 * @param partialResponse the partial answer, if any
	 */
	public void cancel(@Nullable Object partialResponse) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		try {
			if (partialResponse != null) {
				this.run.recordFinalResponse(partialResponse);
			}
			this.run.putMetadata(GenAiAttributes.CANCELLED, true);
			this.run.recordError(new CancellationException(SpanRecorder.CANCELLED_MESSAGE));
		}
		finally {
			close();
		}
	}

	private void close() {
		try {
			this.run.putMetadata(GenAiAttributes.LATENCY_MS, SpanRecorder.elapsedMillisSince(this.startNanos));
		}
		finally {
			this.run.close();
		}
	}

}
