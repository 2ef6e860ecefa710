package ai.northstar;

import ai.northstar.data.EventData;
import ai.northstar.internal.export.ExportRecord;
import ai.northstar.internal.export.RecordKind;
import org.jspecify.annotations.Nullable;

/**
 * An immutable event queued for export, with the live record it depends on. Once it is sent or dropped it lets go of
 * its content and of the run's older events, so a run holds no content that left the queue.
 */
final class EventRecord extends ExportRecord {

	private volatile @Nullable EventData data;

	/** The event retained by the run before this one; see {@link RunState#retain}. Cut once this one settles. */
	volatile @Nullable EventRecord previousInRun;

	/** The position of this event among those the run retains. Set before the run's chain holds it. */
	int indexInRun;

	private final ExportRecord parent;

	EventRecord(EventData data, ExportRecord parent) {
		super(data.id());
		this.data = data;
		this.parent = parent;
	}

	@Nullable EventData dataOrNull() {
		return this.data;
	}

	ExportRecord parentRecord() {
		return this.parent;
	}

	@Override
	protected RecordKind kind() {
		return RecordKind.EVENT;
	}

	@Override
	protected ExportRecord parent() {
		return this.parent;
	}

	@Override
	protected Object snapshot() {
		EventData current = this.data;
		if (current == null) {
			throw new IllegalStateException("Event " + id() + " was settled already");
		}
		return current;
	}

	@Override
	protected void settled() {
		this.data = null;
		this.previousInRun = null;
	}

}
