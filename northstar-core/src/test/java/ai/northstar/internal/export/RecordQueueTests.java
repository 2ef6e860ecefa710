package ai.northstar.internal.export;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.northstar.ScoreDataType;
import ai.northstar.data.ScoreData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RecordQueue}'s bound and pending count, which recording threads read from the stack they push
 * onto and the consumer's held count.
 */
@Timeout(60)
class RecordQueueTests {

	@Test
	void shouldDropNewRecordsBeyondTheBoundWhetherWaitingOrHeldAndAdmitAgainOnceReleased() {
		RecordQueue queue = new RecordQueue(3);
		submit(queue, 2);
		assertThat(queue.size()).isEqualTo(2);
		ExportRecord taken = queue.takeIncoming();
		assertThat(chainLength(taken)).isEqualTo(2);
		assertThat(queue.size()).isEqualTo(2);
		submit(queue, 2);
		assertThat(queue.size()).isEqualTo(3);
		assertThat(queue.droppedCounts().get(DropReason.QUEUE_FULL)).isEqualTo(1);
		queue.released(2);
		assertThat(queue.size()).isEqualTo(1);
		submit(queue, 2);
		assertThat(queue.size()).isEqualTo(3);
		assertThat(chainLength(queue.takeIncoming())).isEqualTo(3);
		assertThat(queue.size()).isEqualTo(3);
		assertThat(queue.droppedCounts().get(DropReason.QUEUE_FULL)).isEqualTo(1);
	}

	@Test
	void shouldCountEveryRecordOnceWhenThreadsPushWhileTheConsumerTakesAndReleases() throws Exception {
		int threads = 8;
		int perThread = 50_000;
		RecordQueue queue = new RecordQueue(Integer.MAX_VALUE);
		CountDownLatch start = new CountDownLatch(1);
		Thread[] producers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			producers[t] = new Thread(() -> {
				awaitQuietly(start);
				submit(queue, perThread);
			});
			producers[t].start();
		}
		AtomicBoolean producing = new AtomicBoolean(true);
		long[] taken = new long[1];
		Thread consumer = new Thread(() -> {
			while (producing.get() || queue.size() > 0) {
				int count = chainLength(queue.takeIncoming());
				taken[0] += count;
				queue.released(count);
			}
		});
		consumer.start();
		start.countDown();
		for (Thread producer : producers) {
			producer.join();
		}
		producing.set(false);
		consumer.join();
		assertThat(taken[0]).isEqualTo((long) threads * perThread);
		assertThat(queue.size()).isZero();
		assertThat(queue.droppedTotal()).isZero();
	}

	private static void submit(RecordQueue queue, int count) {
		for (int i = 0; i < count; i++) {
			queue.submitScore(new ScoreData(UUID.randomUUID(), UUID.randomUUID(), null, "quality", 1.0,
					ScoreDataType.NUMERIC, null, "api", null, Instant.EPOCH));
		}
	}

	private static int chainLength(ExportRecord oldest) {
		int length = 0;
		for (ExportRecord record = oldest; record != null; record = record.nextIncoming) {
			length++;
		}
		return length;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
