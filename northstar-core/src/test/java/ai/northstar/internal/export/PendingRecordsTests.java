package ai.northstar.internal.export;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PendingRecords}' handling of records whose parent was dropped.
 */
class PendingRecordsTests {

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
