package ai.northstar.internal.export;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A record of a kind, with a parent, for tests of the pipeline's parts. */
final class TestRecord extends ExportRecord {

	private final RecordKind kind;

	private final @Nullable ExportRecord parent;

	TestRecord(RecordKind kind, @Nullable ExportRecord parent) {
		super(UUID.randomUUID());
		this.kind = kind;
		this.parent = parent;
	}

	@Override
	protected RecordKind kind() {
		return this.kind;
	}

	@Override
	protected @Nullable ExportRecord parent() {
		return this.parent;
	}

	@Override
	protected Object snapshot() {
		return this.kind;
	}

}
