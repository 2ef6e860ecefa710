package ai.northstar;

import java.time.Instant;
import java.util.UUID;

import ai.northstar.data.SessionData;
import ai.northstar.internal.export.ExportRecord;
import ai.northstar.internal.export.RecordKind;
import org.jspecify.annotations.Nullable;

/**
 * The state of a {@link Session}, queued for export. Guarded by itself, which users cannot reach.
 */
final class SessionState extends ExportRecord {

	private final Instant createdAt;

	private final Entries metadata;

	private @Nullable Instant endedAt;

	SessionState(UUID id, Instant createdAt, Entries metadata) {
		super(id);
		this.createdAt = createdAt;
		this.metadata = metadata;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	synchronized boolean isEnded() {
		return this.endedAt != null;
	}

	/** Stamps the end; {@code false} when it had ended already. */
	synchronized boolean end(Instant now) {
		if (this.endedAt != null) {
			return false;
		}
		this.endedAt = now;
		return true;
	}

	@Override
	protected RecordKind kind() {
		return RecordKind.SESSION;
	}

	@Override
	protected @Nullable ExportRecord parent() {
		return null;
	}

	@Override
	protected synchronized Object snapshot() {
		return new SessionData(id(), this.createdAt, this.endedAt, this.metadata.map());
	}

}
