package ai.northstar;

import ai.northstar.data.EventData;
import ai.northstar.export.ExportableRecord;
import ai.northstar.export.RecordBuffer;
import ai.northstar.export.RecordKind;

/**
 * An immutable event queued for export, with the live record it depends on.
 */
final class EventRecord extends ExportableRecord {

	private final Object data;

	private final ExportableRecord parent;

	EventRecord(EventData data, ExportableRecord parent) {
		super(data.id());
		this.data = data;
		this.parent = parent;
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
