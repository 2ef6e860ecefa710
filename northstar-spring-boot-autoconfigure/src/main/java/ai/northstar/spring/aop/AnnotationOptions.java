package ai.northstar.spring.aop;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.http.HttpEntity;
import org.springframework.util.ClassUtils;

/**
 * The options of the annotations that are more than a flag, read once per method: {@code key=value} entries and
 * SpEL expressions over the arguments, evaluated per call like the keys of {@code @Cacheable}. A malformed option is
 * logged once, as a warning naming the method, and left out: it never fails the method.
 */
final class AnnotationOptions {

	private static final Log logger = LogFactory.getLog(AnnotationOptions.class);

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private static final boolean WEB_PRESENT = ClassUtils.isPresent("org.springframework.http.HttpEntity",
			AnnotationOptions.class.getClassLoader());

	private AnnotationOptions() {
	}

	/**
	 * Reads {@code key=value} entries, split at the first {@code =}.
	 */
	static Map<String, Object> entries(String[] entries, String attribute, Method method) {
		if (entries.length == 0) {
			return Map.of();
		}
		Map<String, Object> map = new LinkedHashMap<>();
		for (String entry : entries) {
			int separator = entry.indexOf('=');
			String key = (separator > 0) ? entry.substring(0, separator).strip() : "";
			if (key.isEmpty()) {
				logger.warn("NorthStar ignores " + attribute + " entry '" + entry + "' of " + describe(method)
						+ ": write key=value");
				continue;
			}
			map.put(key, entry.substring(separator + 1).strip());
		}
		return Collections.unmodifiableMap(map);
	}

	/**
	 * Parses an expression, {@code null} when empty or malformed.
	 */
	static @Nullable Expression expression(String text, String attribute, Method method) {
		if (text.isBlank()) {
			return null;
		}
		try {
			return PARSER.parseExpression(text);
		}
		catch (ParseException ex) {
			logger.warn("NorthStar ignores " + attribute + " = \"" + text + "\" of " + describe(method)
					+ ", which is not a SpEL expression: " + ex.getMessage());
			return null;
		}
	}

	/**
	 * Returns the integer literal, {@code null} when the text is not one.
	 */
	static @Nullable Integer integer(String text) {
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Evaluates an expression over a call's arguments: {@code #name}, {@code #p0}, {@code #a0}.
	 */
	static @Nullable Object evaluate(Expression expression, Method method, @Nullable Object[] args,
			ParameterNameDiscoverer parameterNames) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(null, method,
				(args != null) ? args : new Object[0], parameterNames);
		return expression.getValue(context);
	}

	/**
	 * Returns the value a result stands for: the body of a {@code ResponseEntity} (any {@code HttpEntity}), the
	 * value of an {@code Optional} ({@code null} when empty).
	 */
	static @Nullable Object unwrap(@Nullable Object result) {
		if (result instanceof Optional<?> optional) {
			return optional.orElse(null);
		}
		if (WEB_PRESENT && WebResults.isEntity(result)) {
			return unwrap(WebResults.body(result));
		}
		return result;
	}

	private static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName();
	}

	/**
	 * What needs Spring Web, loaded only when it is present.
	 */
	private static final class WebResults {

		static boolean isEntity(@Nullable Object result) {
			return result instanceof HttpEntity<?>;
		}

		static @Nullable Object body(Object entity) {
			return ((HttpEntity<?>) entity).getBody();
		}

	}

}
