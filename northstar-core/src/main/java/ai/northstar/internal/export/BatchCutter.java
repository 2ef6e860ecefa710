package ai.northstar.internal.export;

import java.util.ArrayList;
import java.util.List;

import ai.northstar.data.Batch;
import ai.northstar.data.EventData;
import ai.northstar.data.PromptLinkData;
import ai.northstar.data.RunData;
import ai.northstar.data.ScoreData;
import ai.northstar.data.SessionData;
import ai.northstar.data.SpanData;

/**
 * Cuts batches from the oldest pending records and serializes them: at most a number of records, at most
 * {@value Batch#MAX_SCORES} scores, and a body within a byte budget (a batch over it is cut again with fewer of the
 * same oldest records, down to one record, which is sent whatever its size). Records already in flight are left
 * out, so the batch behind one on the wire can be cut while it travels; it may then hold children of that one's
 * records, so it must only be sent once that one was stored.
 */
final class BatchCutter {

	private long lastSerial;

	/** The bytes per record of the last batch cut, to size the next one before serializing it; 0 at first. */
	private long bytesPerRecord;

	/**
	 * Cuts and serializes the next batch.
	 * @param pending the pending records
	 * @param maxRecords the most records
	 * @param maxBytes the byte budget of the body
	 * @return the batch, empty when nothing is left to send
	 */
	OutgoingBatch cut(PendingRecords pending, int maxRecords, int maxBytes) {
		int records = maxRecords;
		if (this.bytesPerRecord > 0) {
			// Records like the last ones: cut about as many as fit, rather than serialize too many and cut again.
			records = (int) Math.max(1, Math.min(maxRecords, maxBytes / this.bytesPerRecord));
		}
		OutgoingBatch batch = cutRecords(pending, records);
		while (batch.body().length > maxBytes && batch.size() > 1) {
			int fewer = fewerRecords(batch.size(), batch.body().length, maxBytes);
			unmark(batch);
			batch = cutRecords(pending, fewer);
		}
		if (!batch.isEmpty()) {
			this.bytesPerRecord = Math.max(1, batch.body().length / batch.size());
		}
		return batch;
	}

	/** Clears the in-flight marks of a batch that will not be sent (or was settled). */
	static void unmark(OutgoingBatch batch) {
		for (ExportRecord record : batch.records()) {
			if (record.inFlightSerial == batch.serial()) {
				record.inFlightSerial = 0;
			}
		}
	}

	private OutgoingBatch cutRecords(PendingRecords pending, int maxRecords) {
		long serial = ++this.lastSerial;
		int capacity = Math.min(maxRecords, pending.size());
		List<ExportRecord> records = new ArrayList<>(capacity);
		int[] versions = new int[capacity];
		Parts parts = new Parts();
		try {
			for (ExportRecord record : pending.inOrder()) {
				if (records.size() >= maxRecords) {
					break;
				}
				if (record.inFlightSerial != 0) {
					continue;
				}
				if (record.kind() == RecordKind.SCORE && parts.scores.size() >= Batch.MAX_SCORES) {
					break;
				}
				// The version first: a change racing with the snapshot is then sent again, never lost.
				versions[records.size()] = record.version();
				Object snapshot = record.snapshot();
				record.inFlightSerial = serial;
				records.add(record);
				parts.add(record.kind(), snapshot);
			}
			Batch batch = parts.batch();
			byte[] body = records.isEmpty() ? new byte[0] : WireFormat.write(batch);
			return new OutgoingBatch(serial, records, versions, batch, body);
		}
		catch (RuntimeException | Error ex) {
			records.forEach((record) -> record.inFlightSerial = 0);
			throw ex;
		}
	}

	/** The arrays of a batch being cut. */
	private static final class Parts {

		final List<SessionData> sessions = new ArrayList<>();

		final List<RunData> runs = new ArrayList<>();

		final List<SpanData> spans = new ArrayList<>();

		final List<EventData> events = new ArrayList<>();

		final List<ScoreData> scores = new ArrayList<>();

		final List<PromptLinkData> links = new ArrayList<>();

		void add(RecordKind kind, Object snapshot) {
			switch (kind) {
				case SESSION -> this.sessions.add((SessionData) snapshot);
				case RUN -> this.runs.add((RunData) snapshot);
				case SPAN -> this.spans.add((SpanData) snapshot);
				case EVENT -> this.events.add((EventData) snapshot);
				case SCORE -> this.scores.add((ScoreData) snapshot);
				case PROMPT_LINK -> this.links.add((PromptLinkData) snapshot);
			}
		}

		Batch batch() {
			return new Batch(Batch.SCHEMA_VERSION, this.sessions, this.runs, this.spans, this.events, this.scores,
					this.links);
		}

	}

	/**
	 * Estimates how many records of a batch fit the byte budget, from its bytes per record, with a margin; always
	 * fewer than before and at least one.
	 */
	private static int fewerRecords(int records, int bytes, int maxBytes) {
		long estimate = records * (long) maxBytes * 9 / (10L * bytes);
		return (int) Math.max(1, Math.min(records - 1L, estimate));
	}

}
