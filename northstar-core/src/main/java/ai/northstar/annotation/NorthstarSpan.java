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
 * {@code tool_result} event (redacted and capped); the span gets {@code latency_ms} at the end. An exception marks
 * the span {@code error} and is rethrown unchanged. For methods returning {@code CompletionStage}, {@code Mono} or
 * {@code Flux}, the span ends when the result completes, fails or is cancelled.
 *
 * <pre>{@code
 * @NorthstarSpan(kind = SpanKind.TOOL)
 * public List<Doc> searchDocs(String query) { ... }
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
