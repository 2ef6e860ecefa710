package ai.northstar.spring.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import ai.northstar.Northstar;
import ai.northstar.SpanKind;
import ai.northstar.SpanOptions;
import ai.northstar.TraceContext;
import ai.northstar.annotation.CaptureMode;
import ai.northstar.annotation.NorthstarSpan;
import ai.northstar.annotation.NorthstarTrace;
import ai.northstar.internal.Throwables;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.util.ClassUtils;

/**
 * The aspect behind {@link NorthstarTrace @NorthstarTrace} and {@link NorthstarSpan @NorthstarSpan}, on methods and on
 * classes (every method the class declares).
 * <ul>
 * <li>{@code @NorthstarTrace}: a new run in the client's process session, named after the annotation or the method,
 * with the annotation's {@code tags} in its metadata; the arguments by parameter name become the {@code user_input}
 * event, the result the {@code final_response} event; {@code latency_ms} is added to the metadata at the end.</li>
 * <li>{@code @NorthstarSpan}: a child span of the innermost open span or run; the arguments become the
 * {@code tool_arguments} event, the result the {@code tool_result} event, {@code latency_ms} an attribute. Outside a
 * trace, the method just runs.</li>
 * </ul>
 * The record is current while the method runs, so nested annotated calls and the {@link Northstar} high-level API
 * find it. A method returning a {@link CompletionStage}, a Reactor {@code Mono} or a {@code Flux} ends its record when
 * the result completes, fails or is cancelled (status {@code error}, attribute {@code cancelled}); the same instance
 * is returned for a {@code CompletionStage}, and a {@code Mono} or {@code Flux} that emits the same signals (the
 * record is current in its Reactor context) for Reactor; a {@code Flux} records its first
 * {@value #MAX_CAPTURED_ELEMENTS} elements. One call is one record, ended once: only the first subscription to the
 * returned {@code Mono} or {@code Flux} is traced, and later ones (another subscriber, a {@code retry()} or
 * {@code repeat()} applied by the caller) pass through untraced, so apply {@code retry()} inside the method for the
 * record to cover the retries. A {@code Mono} or {@code Flux} that is never subscribed leaves its record open (the run
 * or span is sent with status {@code running} and never ended). An exception marks the record {@code error} and is
 * rethrown unchanged. Tracing never fails the method nor signals an error to its subscribers: its own failures are
 * logged (as debug messages unless {@link Builder#warnOnFailure(boolean) warnOnFailure}) and swallowed.
 * <p>
 * Like every Spring proxy-based aspect, it applies to calls through the bean's proxy: a call from one method of a
 * bean to another annotated method of the same bean (self-invocation) is not traced.
 *
 * <pre>{@code
 * @NorthstarTrace(name = "support-agent", tags = "beta")
 * public Answer answer(Question question) { ... }
 *
 * @NorthstarSpan(kind = SpanKind.TOOL)
 * public Weather weather(String city) { ... }
 * }</pre>
 *
 * @since 0.1.0
 */
@Aspect
public final class NorthstarAspect {

	/** The most elements of a {@code Flux} result recorded. */
	public static final int MAX_CAPTURED_ELEMENTS = 100;

	private static final Log logger = LogFactory.getLog(NorthstarAspect.class);

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Flux",
			NorthstarAspect.class.getClassLoader());

	private final Northstar client;

	private final boolean captureInputs;

	private final boolean captureOutputs;

	private final boolean warnOnFailure;

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Map<MethodKey, Settings> settings = new ConcurrentHashMap<>();

	private NorthstarAspect(Builder builder) {
		this.client = builder.client;
		this.captureInputs = builder.captureInputs;
		this.captureOutputs = builder.captureOutputs;
		this.warnOnFailure = builder.warnOnFailure;
	}

	/**
	 * Returns an aspect that captures inputs and outputs unless an annotation says otherwise.
	 * @param client the client
	 * @return the aspect
	 */
	public static NorthstarAspect create(Northstar client) {
		return builder(client).build();
	}

	/**
	 * Returns a builder.
	 * @param client the client
	 * @return the builder
	 */
	public static Builder builder(Northstar client) {
		return new Builder(client);
	}

	/**
	 * Traces a call of a {@link NorthstarTrace @NorthstarTrace} method.
	 * @param joinPoint the call
	 * @return the method's result, or an equivalent publisher
	 * @throws Throwable what the method throws, unchanged
	 */
	@Around("execution(* *(..)) && (@annotation(ai.northstar.annotation.NorthstarTrace) "
			+ "|| @within(ai.northstar.annotation.NorthstarTrace))")
	public @Nullable Object trace(ProceedingJoinPoint joinPoint) throws Throwable {
		return around(joinPoint, NorthstarTrace.class, (settings) -> TracedInvocation.of(this,
				this.client.startRun(settings.name(), settings.metadata()), settings.captureOutput()));
	}

	/**
	 * Returns the iteration of a span: the literal, or the expression's value over the call's arguments.
	 */
	private @Nullable Integer iteration(Settings settings, ProceedingJoinPoint joinPoint) {
		if (settings.iterationExpression() == null) {
			return settings.iteration();
		}
		try {
			Object value = AnnotationOptions.evaluate(settings.iterationExpression(), settings.method(),
					joinPoint.getArgs(), this.parameterNames);
			Integer iteration = (value instanceof Number number) ? AnnotationOptions.exactInt(number) : null;
			if (iteration != null) {
				return iteration;
			}
			tracingFailed("use the iteration of " + settings.name() + ", which is "
					+ ((value instanceof Number) ? AnnotationOptions.NOT_AN_INT : "not a number") + ": " + value, null);
		}
		catch (RuntimeException ex) {
			tracingFailed("evaluate the iteration of " + settings.name(), ex);
		}
		return null;
	}

	/**
	 * Traces a call of a {@link NorthstarSpan @NorthstarSpan} method inside a trace.
	 * @param joinPoint the call
	 * @return the method's result, or an equivalent publisher
	 * @throws Throwable what the method throws, unchanged
	 */
	@Around("execution(* *(..)) && (@annotation(ai.northstar.annotation.NorthstarSpan) "
			+ "|| @within(ai.northstar.annotation.NorthstarSpan))")
	public @Nullable Object span(ProceedingJoinPoint joinPoint) throws Throwable {
		if (TraceContext.current().isEmpty()) {
			return joinPoint.proceed();
		}
		return around(joinPoint, NorthstarSpan.class, (settings) -> this.client
			.startSpan(settings.name(), settings.kind(),
					new SpanOptions(iteration(settings, joinPoint), settings.attributes()))
			.map((span) -> TracedInvocation.of(this, span, settings.captureOutput()))
			.orElse(null));
	}

	private @Nullable Object around(ProceedingJoinPoint joinPoint, Class<? extends Annotation> type,
			Function<Settings, @Nullable TracedInvocation> start) throws Throwable {
		if (!this.client.isEnabled()) {
			return joinPoint.proceed();
		}
		Settings settings = null;
		TracedInvocation invocation = null;
		try {
			settings = settings(joinPoint, type);
			invocation = (settings != null) ? start.apply(settings) : null;
		}
		catch (Throwable ex) {
			tracingFailed("start a record", ex);
		}
		if (invocation == null || settings == null) {
			return joinPoint.proceed();
		}
		if (settings.captureInput()) {
			try {
				recordInput(joinPoint, settings, invocation);
			}
			catch (Throwable ex) {
				tracingFailed("record the arguments", ex);
			}
		}
		return proceed(joinPoint, invocation, settings);
	}

	@SuppressWarnings("try")
	private @Nullable Object proceed(ProceedingJoinPoint joinPoint, TracedInvocation invocation, Settings settings)
			throws Throwable {
		Object result;
		try (TraceContext.Scope scope = invocation.makeCurrent()) {
			result = joinPoint.proceed();
		}
		catch (Throwable ex) {
			invocation.fail(ex);
			throw ex;
		}
		try {
			if (result instanceof CompletionStage<?> stage) {
				stage.whenComplete((value, error) -> {
					if (error != null) {
						invocation.fail(TracedInvocation.unwrap(error));
					}
					else {
						invocation.succeed(value, true);
					}
				});
				return result;
			}
			if (REACTOR_PRESENT && result != null && ReactorResults.canDecorate(result, settings.returnType())) {
				return ReactorResults.decorate(result, invocation);
			}
		}
		catch (Throwable ex) {
			tracingFailed("follow the asynchronous result", ex);
			invocation.succeed(null, false);
			return result;
		}
		invocation.succeed(result, settings.returnType() != void.class);
		return result;
	}

	private void recordInput(ProceedingJoinPoint joinPoint, Settings settings, TracedInvocation invocation) {
		Object[] args = joinPoint.getArgs();
		if (settings.inputExpression() != null) {
			try {
				invocation.recordInput(AnnotationOptions.unwrap(AnnotationOptions.evaluate(settings.inputExpression(),
						settings.method(), args, this.parameterNames)));
				return;
			}
			catch (RuntimeException ex) {
				tracingFailed("evaluate the input of " + settings.name() + "; the arguments are recorded", ex);
			}
		}
		if (args.length == 0) {
			return;
		}
		String[] names = settings.parameterNames();
		if (names.length != args.length) {
			names = defaultNames(args.length);
		}
		invocation.recordInput(this.client.contentCapture().captureArguments(names, args));
	}

	private <A extends Annotation> @Nullable Settings settings(ProceedingJoinPoint joinPoint, Class<A> type) {
		Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
		Object target = joinPoint.getTarget();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
		MethodKey key = new MethodKey(method, targetClass, type);
		Settings cached = this.settings.get(key);
		if (cached == null) {
			cached = computeSettings(method, targetClass, type);
			if (cached == null) {
				return null;
			}
			this.settings.putIfAbsent(key, cached);
		}
		return cached;
	}

	private @Nullable Settings computeSettings(Method method, Class<?> targetClass,
			Class<? extends Annotation> type) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		Annotation annotation = AnnotatedElementUtils.findMergedAnnotation(specific, type);
		if (annotation == null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, type);
		}
		if (annotation == null) {
			return null;
		}
		String[] names = this.parameterNames.getParameterNames(specific);
		if (names == null) {
			names = defaultNames(specific.getParameterCount());
		}
		if (annotation instanceof NorthstarTrace trace) {
			Map<String, Object> metadata = new LinkedHashMap<>(
					AnnotationOptions.entries(trace.metadata(), "metadata", specific));
			if (trace.tags().length > 0) {
				metadata.put("tags", List.of(trace.tags()));
			}
			return new Settings(nameOr(trace.name(), specific), SpanKind.CUSTOM, Map.copyOf(metadata), Map.of(),
					AnnotationOptions.expression(trace.input(), "input", specific), null, null,
					captures(trace.captureInput(), this.captureInputs),
					captures(trace.captureOutput(), this.captureOutputs), names, specific);
		}
		NorthstarSpan span = (NorthstarSpan) annotation;
		Integer iteration = AnnotationOptions.integer(span.iteration(), "iteration", specific);
		Expression iterationExpression = (iteration == null && !AnnotationOptions.isIntegerLiteral(span.iteration()))
				? AnnotationOptions.expression(span.iteration(), "iteration", specific) : null;
		return new Settings(nameOr(span.name(), specific), span.kind(), Map.of(),
				AnnotationOptions.entries(span.attributes(), "attributes", specific), null, iteration,
				iterationExpression, captures(span.captureInput(), this.captureInputs),
				captures(span.captureOutput(), this.captureOutputs), names, specific);
	}

	private static String nameOr(String name, Method method) {
		return name.isBlank() ? method.getName() : name;
	}

	private static boolean captures(CaptureMode mode, boolean byDefault) {
		return switch (mode) {
			case ENABLED -> true;
			case DISABLED -> false;
			case DEFAULT -> byDefault;
		};
	}

	private static String[] defaultNames(int count) {
		String[] names = new String[count];
		for (int i = 0; i < count; i++) {
			names[i] = "arg" + i;
		}
		return names;
	}

	Northstar client() {
		return this.client;
	}

	/**
	 * Logs a failure of tracing, which never reaches the application, except the JVM's own errors (such as an
	 * {@link OutOfMemoryError}, not a {@link StackOverflowError}), which no code should swallow and which are
	 * rethrown.
	 */
	void tracingFailed(String action, @Nullable Throwable ex) {
		if (ex != null) {
			Throwables.rethrowIfFatal(ex);
		}
		if (this.warnOnFailure) {
			logger.warn("NorthStar could not " + action + "; the application is not affected", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("NorthStar could not " + action + "; the application is not affected", ex);
		}
	}

	private record MethodKey(Method method, Class<?> targetClass, Class<? extends Annotation> annotation) {
	}

	/**
	 * What an annotation says about one method, read once.
	 */
	private record Settings(String name, SpanKind kind, Map<String, Object> metadata, Map<String, Object> attributes,
			@Nullable Expression inputExpression, @Nullable Integer iteration, @Nullable Expression iterationExpression,
			boolean captureInput, boolean captureOutput, String[] parameterNames, Method method) {

		Class<?> returnType() {
			return this.method.getReturnType();
		}

	}

	/**
	 * Builds a {@link NorthstarAspect}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Northstar client;

		private boolean captureInputs = true;

		private boolean captureOutputs = true;

		private boolean warnOnFailure;

		private Builder(Northstar client) {
			this.client = Objects.requireNonNull(client, "client must not be null");
		}

		/**
		 * Sets whether arguments are recorded when an annotation leaves it to the default. Defaults to {@code true}.
		 * @param captureInputs whether arguments are recorded
		 * @return this builder
		 */
		public Builder captureInputs(boolean captureInputs) {
			this.captureInputs = captureInputs;
			return this;
		}

		/**
		 * Sets whether results are recorded when an annotation leaves it to the default. Defaults to {@code true}.
		 * @param captureOutputs whether results are recorded
		 * @return this builder
		 */
		public Builder captureOutputs(boolean captureOutputs) {
			this.captureOutputs = captureOutputs;
			return this;
		}

		/**
		 * Sets whether tracing failures are logged as warnings rather than debug messages. Defaults to
		 * {@code false}.
		 * @param warnOnFailure whether failures are warnings
		 * @return this builder
		 */
		public Builder warnOnFailure(boolean warnOnFailure) {
			this.warnOnFailure = warnOnFailure;
			return this;
		}

		/**
		 * Builds the aspect.
		 * @return the aspect
		 */
		public NorthstarAspect build() {
			return new NorthstarAspect(this);
		}

	}

}
