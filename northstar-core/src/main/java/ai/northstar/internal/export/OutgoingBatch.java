package ai.northstar.internal.export;

import java.util.List;

import ai.northstar.data.Batch;

/**
 * A batch cut from the pending records, with the versions of the states it carries and its JSON body.
 *
 * @param serial the batch's serial number, marked on the records it carries while it is in flight
 * @param records the records, oldest first
 * @param versions the version of each record's state in the batch
 * @param batch the batch
 * @param body its JSON body
 */
record OutgoingBatch(long serial, List<ExportRecord> records, int[] versions, Batch batch, byte[] body) {

	int size() {
		return this.records.size();
	}

	boolean isEmpty() {
		return this.records.isEmpty();
	}

	/** Counts the records of the batch by kind, for logs. */
	String describe() {
		Batch b = this.batch;
		return b.size() + " records (" + b.sessions().size() + " sessions, " + b.runs().size() + " runs, "
				+ b.spans().size() + " spans, " + b.events().size() + " events, " + b.scores().size() + " scores, "
				+ b.promptLinks().size() + " prompt links)";
	}

}
