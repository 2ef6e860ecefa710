package ai.northstar.local;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session as stored by {@link LocalStore}. Immutable: JSON accessors return copies.
 *
 * @param id the session id
 * @param createdAt when the session was created (the first write wins)
 * @param endedAt when the session ended, if it has
 * @param metadata the metadata of the latest write, {@code {}} when it had none
 * @since 0.1.0
 */
public record StoredSession(UUID id, Instant createdAt, @Nullable Instant endedAt, ObjectNode metadata) {

	/**
	 * Creates an instance, copying the mutable arguments.
	 * @param id the session id
	 * @param createdAt when the session was created (the first write wins)
	 * @param endedAt when the session ended, if it has
	 * @param metadata the metadata of the latest write, {@code {}} when it had none
	 */
	public StoredSession {
		metadata = metadata.deepCopy();
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
