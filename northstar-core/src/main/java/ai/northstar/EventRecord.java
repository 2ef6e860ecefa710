package ai.northstar;

import ai.northstar.data.EventData;
import ai.northstar.export.ExportableRecord;
import ai.northstar.export.RecordBuffer;
import ai.northstar.export.RecordKind;
import org.jspecify.annotations.Nullable;

/**
 * An immutable event queued for export, with the live record it depends on.
 */
final class EventRecord extends ExportableRecord {

	private final EventData data;

	/** The event retained by the run before this one; see {@link Run#events()}. Set before the run's chain holds it. */
	@Nullable EventRecord previousInRun;

	/** The position of this event among those the run retains. Set before the run's chain holds it. */
	int indexInRun;

	private final ExportableRecord parent;

	EventRecord(EventData data, ExportableRecord parent) {
		super(data.id());
		this.data = data;
		this.parent = parent;
	}

	EventData data() {
		return this.data;
	}

	void submit(RecordBuffer buffer) {
		created(buffer);
	}

	@Override
	protected RecordKind recordKind() {
		return RecordKind.EVENT;
	}

	@Override
	protected ExportableRecord parentRecord() {
		return this.parent;
	}

	@Override
	protected Object snapshot() {
		return this.data;
	}

}
