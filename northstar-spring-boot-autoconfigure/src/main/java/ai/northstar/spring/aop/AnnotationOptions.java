package ai.northstar.spring.aop;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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

	/** Why an iteration was left out: the protocol's {@code iteration} is a 32-bit integer. */
	static final String NOT_AN_INT = "not a whole number from -2147483648 to 2147483647";

	private static final Pattern INTEGER_LITERAL = Pattern.compile("[+-]?\\d+");

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
	 * Returns the integer literal, {@code null} when the text is not one; an integer literal beyond an {@code int}
	 * is logged once and is no expression either.
	 */
	static @Nullable Integer integer(String text, String attribute, Method method) {
		String literal = text.strip();
		try {
			return Integer.valueOf(literal);
		}
		catch (NumberFormatException ex) {
			if (INTEGER_LITERAL.matcher(literal).matches()) {
				logger.warn("NorthStar ignores " + attribute + " = \"" + text + "\" of " + describe(method) + ": "
						+ NOT_AN_INT);
			}
			return null;
		}
	}

	/**
	 * Whether the text is an integer literal, whatever its size.
	 */
	static boolean isIntegerLiteral(String text) {
		return INTEGER_LITERAL.matcher(text.strip()).matches();
	}

	/**
	 * Returns the number as an {@code int} when it is exactly one: {@code 3L} and {@code 3.0} are, {@code 2.5} and
	 * {@code 2^40} are not ({@code null}), never a wrapped or truncated value.
	 */
	static @Nullable Integer exactInt(Number number) {
		if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
			return number.intValue();
		}
		if (number instanceof BigDecimal decimal) {
			try {
				return decimal.intValueExact();
			}
			catch (ArithmeticException ex) {
				return null;
			}
		}
		double value = number.doubleValue();
		long whole = number.longValue();
		if (whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE || value != whole) {
			return null;
		}
		return (int) whole;
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
