package ai.northstar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Optional parts of a run started with {@link Northstar#trace(String, TraceOptions, TracedCallable)}: its input,
 * recorded as the {@code user_input} event, metadata and tags, the options of the Python SDK's {@code trace(...)}.
 *
 * <pre>{@code
 * northstar.trace("research-agent", TraceOptions.builder()
 *         .input(Map.of("question", question))
 *         .metadata("team", "search")
 *         .tags("beta")
 *         .build(), () -> agent.answer(question));
 * }</pre>
 *
 * @param input the {@code user_input} event's content, none when {@code null}
 * @param metadata metadata of the run, added to {@code project} and {@code environment}
 * @param tags tags, written to the run metadata under {@code tags} when any
 * @since 0.1.0
 */
public record TraceOptions(@Nullable Object input, Map<String, Object> metadata, List<String> tags) {

	private static final TraceOptions NONE = new TraceOptions(null, Map.of(), List.of());

	/**
	 * Creates options; the metadata and tags are copied.
	 * @param input the {@code user_input} event's content, none when {@code null}
	 * @param metadata metadata of the run
	 * @param tags tags
	 */
	public TraceOptions {
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metadata, "metadata")));
		tags = List.copyOf(tags);
	}

	/**
	 * Returns options with nothing set.
	 * @return empty options
	 */
	public static TraceOptions none() {
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
	 * Returns the run metadata these options give: the metadata, and the tags under {@code tags} when any.
	 * @return the metadata
	 */
	Map<String, Object> runMetadata() {
		if (this.tags.isEmpty()) {
			return this.metadata;
		}
		Map<String, Object> merged = new LinkedHashMap<>(this.metadata);
		merged.put("tags", this.tags);
		return merged;
	}

	/**
	 * Builds {@link TraceOptions}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable Object input;

		private final Map<String, Object> metadata = new LinkedHashMap<>();

		private final List<String> tags = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Sets the input, recorded as the run's {@code user_input} event (redacted and capped, like every captured
		 * content).
		 * @param input the input
		 * @return this builder
		 */
		public Builder input(@Nullable Object input) {
			this.input = input;
			return this;
		}

		/**
		 * Adds a metadata entry.
		 * @param key the key, not blank
		 * @param value the value
		 * @return this builder
		 */
		public Builder metadata(String key, @Nullable Object value) {
			if (key == null || key.isBlank()) {
				throw new IllegalArgumentException("metadata key must not be blank");
			}
			this.metadata.put(key, value);
			return this;
		}

		/**
		 * Adds metadata entries.
		 * @param metadata the entries
		 * @return this builder
		 */
		public Builder metadata(Map<String, ?> metadata) {
			metadata.forEach(this::metadata);
			return this;
		}

		/**
		 * Adds tags.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(String... tags) {
			this.tags.addAll(Arrays.asList(tags));
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public TraceOptions build() {
			return new TraceOptions(this.input, this.metadata, this.tags);
		}

	}

}
