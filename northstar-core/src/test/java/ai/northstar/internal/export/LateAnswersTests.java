package ai.northstar.internal.export;

import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.northstar.data.Batch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LateAnswers}' order of re-sends.
 */
class LateAnswersTests {

	private static final AttemptResult NO_ANSWER = new AttemptResult(0, false, "timed out", null, 0);

	/**
	 * A watched record that travels again in an attempt without an answer gets a later window; the others keep
	 * theirs, and are sent again when their own window ends.
	 */
	@Test
	void shouldSendEachRecordAgainAtTheEndOfItsOwnWindowWhenAnotherOnesWindowChanges() {
		RecordQueue queue = new RecordQueue(100);
		LateAnswers late = new LateAnswers(queue);
		TestRecord first = new TestRecord(RecordKind.RUN, null);
		TestRecord second = new TestRecord(RecordKind.RUN, null);
		long now = System.nanoTime();
		unansweredThenStored(late, first, seconds(1000), now);
		unansweredThenStored(late, second, seconds(2000), now);
		assertThat(late.nextCheckNanos()).isEqualTo(first.lateUntilNanos);
		// The first travels again and gets no answer: its window now ends after the second's.
		late.attemptUnanswered(batchOf(first), NO_ANSWER, seconds(3000));
		assertThat(late.nextCheckNanos()).isEqualTo(second.lateUntilNanos);
		late.stored(first, now);
		assertThat(late.nextCheckNanos()).isEqualTo(second.lateUntilNanos);
		late.resendDue(now + seconds(2500));
		assertThat(second.state()).isEqualTo(ExportRecord.QUEUED);
		assertThat(first.state()).isEqualTo(ExportRecord.IDLE);
		assertThat(queue.size()).isEqualTo(1);
		late.resendDue(now + seconds(3500));
		assertThat(first.state()).isEqualTo(ExportRecord.QUEUED);
		assertThat(late.nextCheckNanos()).isEqualTo(Long.MAX_VALUE);
	}

	/** At most {@code maxQueueSize} records are watched: past it, the one watched longest is sent again at once. */
	@Test
	void shouldSendTheRecordWatchedLongestAgainAtOnceWhenMoreThanTheQueuesBoundAreWatched() {
		RecordQueue queue = new RecordQueue(2);
		LateAnswers late = new LateAnswers(queue);
		long now = System.nanoTime();
		TestRecord oldest = new TestRecord(RecordKind.SPAN, null);
		unansweredThenStored(late, oldest, seconds(1000), now);
		unansweredThenStored(late, new TestRecord(RecordKind.SPAN, null), seconds(1001), now);
		assertThat(queue.size()).isZero();
		unansweredThenStored(late, new TestRecord(RecordKind.SPAN, null), seconds(1002), now);
		assertThat(oldest.state()).isEqualTo(ExportRecord.QUEUED);
		assertThat(queue.size()).isEqualTo(1);
	}

	private static void unansweredThenStored(LateAnswers late, TestRecord record, long window, long now) {
		late.attemptUnanswered(batchOf(record), NO_ANSWER, window);
		late.stored(record, now);
	}

	private static OutgoingBatch batchOf(ExportRecord record) {
		return new OutgoingBatch(1, List.of(record), new int[] { record.version() }, Batch.empty(), new byte[0]);
	}

	private static long seconds(long seconds) {
		return TimeUnit.SECONDS.toNanos(seconds);
	}

}
