package ai.northstar.export;

import java.util.List;
import java.util.UUID;

import ai.northstar.data.Batch;

/**
 * A batch built from pending records, with the versions of the states it carries. Not API: subject to change
 * without notice.
 *
 * @since 0.1.0
 */
public final class PreparedBatch {

	private final Batch batch;

	private final List<ExportableRecord> records;

	private final int[] versions;

	private final long serial;

	PreparedBatch(Batch batch, List<ExportableRecord> records, int[] versions, long serial) {
		this.batch = batch;
		this.records = records;
		this.versions = versions;
		this.serial = serial;
	}

	/**
	 * Returns the batch to send.
	 * @return the batch
	 */
	public Batch batch() {
		return this.batch;
	}

	/**
	 * Returns whether there is nothing to send.
	 * @return {@code true} when empty
	 */
	public boolean isEmpty() {
		return this.records.isEmpty();
	}

	/**
	 * Returns the number of records in the batch.
	 * @return the record count
	 */
	public int size() {
		return this.records.size();
	}

	/**
	 * Returns the id of the oldest record in the batch, which identifies a batch that keeps failing.
	 * @return the first record's id
	 * @throws IllegalStateException when the batch is empty
	 */
	public UUID firstId() {
		if (this.records.isEmpty()) {
			throw new IllegalStateException("The batch is empty");
		}
		return this.records.get(0).id();
	}

	List<ExportableRecord> records() {
		return this.records;
	}

	long serial() {
		return this.serial;
	}

	int version(int index) {
		return this.versions[index];
	}

}
