package ai.northstar.local;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A span as stored by {@link LocalStore}. Immutable: JSON accessors return copies.
 *
 * @param id the span id
 * @param runId the id of the run (the first write wins)
 * @param parentSpanId the id of the parent span, if any (the first write wins)
 * @param kind the span kind (the first write wins)
 * @param name the span name (the first write wins)
 * @param startedAt when the span started (the first write wins)
 * @param endedAt when the span ended, if it has
 * @param status the status of the latest write
 * @param error the error object of the latest write, if any
 * @param iteration the iteration (the first write wins), if any
 * @param attributes the attributes of the latest write, {@code {}} when it had none
 * @since 0.1.0
 */
public record StoredSpan(UUID id, UUID runId, @Nullable UUID parentSpanId, String kind, String name,
		Instant startedAt, @Nullable Instant endedAt, String status, @Nullable ObjectNode error,
		@Nullable Integer iteration, ObjectNode attributes) {

	/**
	 * Creates an instance, copying the mutable arguments.
	 * @param id the span id
	 * @param runId the id of the run (the first write wins)
	 * @param parentSpanId the id of the parent span, if any (the first write wins)
	 * @param kind the span kind (the first write wins)
	 * @param name the span name (the first write wins)
	 * @param startedAt when the span started (the first write wins)
	 * @param endedAt when the span ended, if it has
	 * @param status the status of the latest write
	 * @param error the error object of the latest write, if any
	 * @param iteration the iteration (the first write wins), if any
	 * @param attributes the attributes of the latest write, {@code {}} when it had none
	 */
	public StoredSpan {
		error = (error != null) ? error.deepCopy() : null;
		attributes = attributes.deepCopy();
	}

	/**
	 * Returns a copy of the error object.
	 * @return the error, or {@code null}
	 */
	@Override
	public @Nullable ObjectNode error() {
		return (this.error != null) ? this.error.deepCopy() : null;
	}

	/**
	 * Returns a copy of the attributes.
	 * @return the attributes
	 */
	@Override
	public ObjectNode attributes() {
		return this.attributes.deepCopy();
	}

}
