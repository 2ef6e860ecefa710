package ai.northstar.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import ai.northstar.SpanKind;

/**
 * Traces a bean method as a span under the innermost open span of the current trace, or its run. Outside a trace
 * the method just runs. On a class, every public method of the bean is traced.
 * <p>
 * The arguments, by parameter name, are recorded as the {@code tool_arguments} event and the result as the
 * {@code tool_result} event (redacted and capped; a {@code ResponseEntity} or an {@code Optional} is recorded as its
 * body or value); the span gets {@link #attributes()}, its {@link #iteration()}, and {@code latency_ms} at the
 * end. An exception marks
 * the span {@code error} and is rethrown unchanged. For methods returning {@code CompletionStage}, {@code Mono} or
 * {@code Flux}, the span ends when the result completes, fails or is cancelled.
 *
 * <pre>{@code
 * @NorthstarSpan(kind = SpanKind.TOOL, attributes = "index=docs-v2")
 * public List<Doc> searchDocs(String query) { ... }
 *
 * @NorthstarSpan(name = "plan", kind = SpanKind.WORKFLOW, iteration = "#step")
 * public Plan plan(State state, int step) { ... }
 * }</pre>
 * Applied through a Spring AOP proxy: a call from the same bean is not traced.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface NorthstarSpan {

	/**
	 * The span name; the method name when empty.
	 * @return the span name
	 */
	String name() default "";

	/**
	 * The span kind.
	 * @return the kind
	 */
	SpanKind kind() default SpanKind.CUSTOM;

	/**
	 * Attributes of the span, as {@code key=value} entries (split at the first {@code =}; the value is text).
	 * @return the attribute entries
	 */
	String[] attributes() default {};

	/**
	 * The agent iteration the span belongs to: a number ({@code "2"}) or a SpEL expression over the arguments whose
	 * value is a number ({@code "#step"}, {@code "#state.iteration + 1"}), a whole one that fits an {@code int}. None
	 * when empty; a number beyond an {@code int}, or an expression that does not parse, fails or gives no such number,
	 * is logged and leaves the span without one (never a wrapped or truncated value).
	 * @return the iteration
	 */
	String iteration() default "";

	/**
	 * Whether the arguments are captured as the {@code tool_arguments} event.
	 * @return the capture mode
	 */
	CaptureMode captureInput() default CaptureMode.DEFAULT;

	/**
	 * Whether the result is captured as the {@code tool_result} event.
	 * @return the capture mode
	 */
	CaptureMode captureOutput() default CaptureMode.DEFAULT;

}
