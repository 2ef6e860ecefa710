package ai.northstar.capture;

import java.io.InputStream;
import java.io.Reader;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.stream.BaseStream;

import ai.northstar.internal.Throwables;
import org.jspecify.annotations.Nullable;

/**
 * What the walk needs to know about a Java type before reading a value of it: whether it is written as text, whether
 * reading it would consume it, how its name and a map key of it read. Stateless.
 */
final class ValueTypes {

	private ValueTypes() {
	}

	/**
	 * Tells whether the value is a {@code java.time} value written as its ISO text.
	 * @param value the value
	 * @return whether it is a date, time, duration, period or zone of {@code java.time}
	 */
	static boolean isJavaTime(Object value) {
		return (value instanceof TemporalAccessor || value instanceof TemporalAmount || value instanceof ZoneId)
				&& value.getClass().getName().startsWith("java.time.");
	}

	/**
	 * Tells whether reading the value would consume it (iterators, streams, readers), taking it away from the
	 * application.
	 * @param value the value
	 * @return whether it must not be read
	 */
	static boolean isConsumable(Object value) {
		return value instanceof Iterator || value instanceof Spliterator || value instanceof Enumeration
				|| value instanceof BaseStream || value instanceof InputStream || value instanceof Reader;
	}

	/**
	 * The marker written for a value that cannot be captured.
	 * @param value the value
	 * @return {@code "<unserializable: Type>"}
	 */
	static String unserializableMarker(Object value) {
		return "<unserializable: " + simpleName(value.getClass()) + ">";
	}

	/**
	 * A type's simple name, or its full name when it has none (anonymous and hidden classes).
	 * @param type the type
	 * @return its readable name
	 */
	static String simpleName(Class<?> type) {
		String name = type.getSimpleName();
		return name.isEmpty() ? type.getName() : name;
	}

	/**
	 * A map key as text, through {@link String#valueOf(Object)}; a {@code toString()} that fails gives the
	 * unserializable marker.
	 * @param key the key
	 * @return its text
	 */
	static String keyOf(@Nullable Object key) {
		if (key instanceof String string) {
			return string;
		}
		if (key == null) {
			return "null";
		}
		try {
			String text = key.toString();
			return (text != null) ? text : "null";
		}
		catch (Throwable ex) {
			Throwables.rethrowIfFatal(ex);
			return unserializableMarker(key);
		}
	}

}
