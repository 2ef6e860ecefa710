package ai.northstar.local;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run (a trace) as stored by {@link LocalStore}. Immutable: JSON accessors return copies.
 *
 * @param id the run id
 * @param sessionId the id of the session (the first write wins)
 * @param name the run name (the first write wins)
 * @param startedAt when the run started (the first write wins)
 * @param endedAt when the run ended, if it has
 * @param status the status of the latest write: {@code running}, {@code ok} or {@code error}
 * @param error the error object of the latest write, if any
 * @param metadata the metadata of the latest write, {@code {}} when it had none
 * @since 0.1.0
 */
public record StoredRun(UUID id, UUID sessionId, String name, Instant startedAt, @Nullable Instant endedAt,
		String status, @Nullable ObjectNode error, ObjectNode metadata) {

	/**
	 * Creates an instance, copying the mutable arguments.
	 * @param id the run id
	 * @param sessionId the id of the session (the first write wins)
	 * @param name the run name (the first write wins)
	 * @param startedAt when the run started (the first write wins)
	 * @param endedAt when the run ended, if it has
	 * @param status the status of the latest write: {@code running}, {@code ok} or {@code error}
	 * @param error the error object of the latest write, if any
	 * @param metadata the metadata of the latest write, {@code {}} when it had none
	 */
	public StoredRun {
		error = (error != null) ? error.deepCopy() : null;
		metadata = metadata.deepCopy();
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
	 * Returns a copy of the metadata.
	 * @return the metadata
	 */
	@Override
	public ObjectNode metadata() {
		return this.metadata.deepCopy();
	}

}
