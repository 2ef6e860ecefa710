package ai.northstar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Optional parts of a span started with {@link Northstar#span(String, SpanKind, SpanOptions, TracedCallable)}: the
 * agent iteration it belongs to and its attributes, the options of the Python SDK's {@code span(...)}.
 *
 * <pre>{@code
 * for (int step = 1; step <= maxSteps; step++) {
 *     northstar.span("plan", SpanKind.WORKFLOW, SpanOptions.builder().iteration(step).attribute("budget", left).build(),
 *             () -> planner.next(state));
 * }
 * }</pre>
 *
 * @param iteration the agent iteration, none when {@code null}
 * @param attributes attributes of the span
 * @since 0.1.0
 */
public record SpanOptions(@Nullable Integer iteration, Map<String, Object> attributes) {

	private static final SpanOptions NONE = new SpanOptions(null, Map.of());

	/**
	 * Creates options; the attributes are copied.
	 * @param iteration the agent iteration, none when {@code null}
	 * @param attributes attributes of the span
	 */
	public SpanOptions {
		attributes = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(attributes, "attributes")));
	}

	/**
	 * Returns options with nothing set.
	 * @return empty options
	 */
	public static SpanOptions none() {
		return NONE;
	}

	/**
	 * Returns a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link SpanOptions}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable Integer iteration;

		private final Map<String, Object> attributes = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the agent iteration the span belongs to.
		 * @param iteration the iteration, none when {@code null}
		 * @return this builder
		 */
		public Builder iteration(@Nullable Integer iteration) {
			this.iteration = iteration;
			return this;
		}

		/**
		 * Adds an attribute.
		 * @param key the key, not blank
		 * @param value the value
		 * @return this builder
		 */
		public Builder attribute(String key, @Nullable Object value) {
			if (key == null || key.isBlank()) {
				throw new IllegalArgumentException("attribute key must not be blank");
			}
			this.attributes.put(key, value);
			return this;
		}

		/**
		 * Adds attributes.
		 * @param attributes the attributes
		 * @return this builder
		 */
		public Builder attributes(Map<String, ?> attributes) {
			attributes.forEach(this::attribute);
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public SpanOptions build() {
			return new SpanOptions(this.iteration, this.attributes);
		}

	}

}
