package ai.northstar.local;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event as stored by {@link LocalStore}. Immutable: JSON accessors return copies.
 *
 * @param id the event id
 * @param runId the id of the run (the first write wins)
 * @param spanId the id of the span, if any (the first write wins)
 * @param type the event type (the first write wins)
 * @param createdAt when the event was recorded (the first write wins)
 * @param content the content of the latest write, a JSON {@code null} node when it was {@code null}
 * @param attributes the attributes of the latest write, {@code {}} when it had none
 * @since 0.1.0
 */
public record StoredEvent(UUID id, UUID runId, @Nullable UUID spanId, String type, Instant createdAt,
		JsonNode content, ObjectNode attributes) {

	/**
	 * Creates an instance, copying the mutable arguments.
	 * @param id the event id
	 * @param runId the id of the run (the first write wins)
	 * @param spanId the id of the span, if any (the first write wins)
	 * @param type the event type (the first write wins)
	 * @param createdAt when the event was recorded (the first write wins)
	 * @param content the content of the latest write, a JSON {@code null} node when it was {@code null}
	 * @param attributes the attributes of the latest write, {@code {}} when it had none
	 */
	public StoredEvent {
		content = content.deepCopy();
		attributes = attributes.deepCopy();
	}

	/**
	 * Returns a copy of the content.
	 * @return the content, a null node for JSON {@code null}
	 */
	@Override
	public JsonNode content() {
		return this.content.deepCopy();
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
