package ai.northstar.internal.export;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PendingRecords}: its order and count as records enter and leave, and its handling of records
 * whose parent was dropped.
 */
class PendingRecordsTests {

	/**
	 * Records leave from the oldest, the newest and the middle, one stays when its state changed after the one sent,
	 * one is queued again once idle: the set keeps its order and count, and each record is in it once.
	 */
	@Test
	void shouldKeepOrderAndCountAsRecordsEnterAndLeaveAnywhere() {
		RecordQueue queue = new RecordQueue(100);
		List<ExportRecord> left = new ArrayList<>();
		PendingRecords pending = new PendingRecords(queue, (record, dropped) -> left.add(record));
		List<TestRecord> records = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			TestRecord record = new TestRecord(RecordKind.RUN, null);
			record.created(queue);
			records.add(record);
		}
		pending.drain(0);
		assertThat(pending.inOrder()).containsExactlyElementsOf(records);
		assertThat(pending.accepted(records.get(2), 1)).isTrue();
		assertThat(pending.accepted(records.get(0), 1)).isTrue();
		pending.drop(records.get(4), DropReason.REJECTED);
		assertThat(pending.inOrder()).containsExactly(records.get(1), records.get(3));
		assertThat(pending.size()).isEqualTo(2);
		// Changed after the state that was sent: it stays, in its place.
		records.get(1).changed(queue);
		assertThat(pending.accepted(records.get(1), 1)).isFalse();
		// Idle again after it was stored, the first record is queued anew: it goes to the end.
		records.get(0).changed(queue);
		pending.drain(1);
		assertThat(pending.inOrder()).containsExactly(records.get(1), records.get(3), records.get(0));
		assertThat(pending.size()).isEqualTo(3).isEqualTo(queue.size());
		pending.drop(records.get(3), DropReason.EXPIRED);
		assertThat(pending.accepted(records.get(1), 2)).isTrue();
		assertThat(pending.accepted(records.get(0), 2)).isTrue();
		assertThat(pending.isEmpty()).isTrue();
		assertThat(pending.inOrder()).isEmpty();
		assertThat(queue.size()).isZero();
		assertThat(left).containsExactly(records.get(2), records.get(0), records.get(4), records.get(3),
				records.get(1), records.get(0));
	}

	/**
	 * A record admitted while its parent was being dropped, and drained only after the purge that followed the drop,
	 * is dropped when it is drained, with its parent's reason, rather than sent (the backend would refuse it).
	 */
	@Test
	void shouldDropARecordDrainedAfterThePurgeThatFollowedItsParentsDrop() {
		RecordQueue queue = new RecordQueue(100);
		List<ExportRecord> left = new ArrayList<>();
		List<DropReason> reasons = new ArrayList<>();
		PendingRecords pending = new PendingRecords(queue, (record, dropped) -> {
			left.add(record);
			reasons.add(dropped);
		});
		TestRecord run = new TestRecord(RecordKind.RUN, null);
		run.created(queue);
		pending.drain(0);
		// Admitted before the run is dropped, the span is still on the queue's incoming stack when the purge runs, as
		// a span whose recording thread passed its admission check just before the drop and pushed it just after.
		TestRecord span = new TestRecord(RecordKind.SPAN, run);
		span.created(queue);
		pending.drop(run, DropReason.EXPIRED);
		pending.purgeOrphans();
		pending.drain(1);
		assertThat(pending.isEmpty()).isTrue();
		assertThat(left).containsExactly(run, span);
		assertThat(reasons).containsExactly(DropReason.EXPIRED, DropReason.EXPIRED);
		assertThat(queue.droppedCounts().get(DropReason.EXPIRED)).isEqualTo(2);
		assertThat(queue.size()).isZero();
	}

}
