package ai.northstar.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces a bean method as a new run (an agent execution) in the application's NorthStar session. On a class, every
 * public method of the bean is traced.
 * <p>
 * The run is named after {@link #name()}, or the method. Its metadata gets {@code project}, {@code environment},
 * {@link #metadata()}, {@link #tags()} and, at the end, {@code latency_ms}. The arguments, by parameter name, are the
 * {@code user_input} event (or the value of the {@link #input()} expression), and the return value the
 * {@code final_response} event, both redacted and capped; a {@code ResponseEntity} or an {@code Optional} is recorded
 * as its body or value. An exception marks the
 * run {@code error} and is rethrown unchanged. For methods returning {@code CompletionStage}, {@code Mono} or
 * {@code Flux}, the run ends when the result completes, fails or is cancelled.
 *
 * <pre>{@code
 * @NorthstarTrace(name = "research-agent", tags = "beta", metadata = { "team=search", "tier=free" },
 *         input = "#request.question")
 * public Answer ask(AskRequest request, Locale locale) { ... }
 * }</pre>
 * Applied through a Spring AOP proxy: a call from the same bean ({@code this.ask(...)}) is not traced.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface NorthstarTrace {

	/**
	 * The run name; the method name when empty.
	 * @return the run name
	 */
	String name() default "";

	/**
	 * Tags written to the run metadata under {@code tags}.
	 * @return the tags
	 */
	String[] tags() default {};

	/**
	 * Metadata written to the run, as {@code key=value} entries (split at the first {@code =}; the value is text).
	 * @return the metadata entries
	 */
	String[] metadata() default {};

	/**
	 * A SpEL expression over the arguments whose value is recorded as the {@code user_input} event instead of all
	 * the arguments: {@code #question}, {@code #request.messages}, {@code #p0}. The arguments are recorded when
	 * empty. An expression that does not parse or fails is logged, and the arguments are recorded instead.
	 * @return the input expression
	 */
	String input() default "";

	/**
	 * Whether the arguments are captured as the {@code user_input} event.
	 * @return the capture mode
	 */
	CaptureMode captureInput() default CaptureMode.DEFAULT;

	/**
	 * Whether the result is captured as the {@code final_response} event.
	 * @return the capture mode
	 */
	CaptureMode captureOutput() default CaptureMode.DEFAULT;

}
