package ai.northstar;

import ai.northstar.data.PromptLinkData;
import ai.northstar.internal.export.ExportRecord;
import ai.northstar.internal.export.RecordKind;

/**
 * A link from a model span to the prompt version it used, queued behind its span (never before it).
 */
final class PromptLinkRecord extends ExportRecord {

	private final PromptLinkData data;

	private final SpanState span;

	PromptLinkRecord(java.util.UUID id, PromptLinkData data, SpanState span) {
		super(id);
		this.data = data;
		this.span = span;
	}

	@Override
	protected RecordKind kind() {
		return RecordKind.PROMPT_LINK;
	}

	@Override
	protected ExportRecord parent() {
		return this.span;
	}

	@Override
	protected Object snapshot() {
		return this.data;
	}

}
