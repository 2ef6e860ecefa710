package ai.northstar.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import ai.northstar.Northstar;
import ai.northstar.internal.NorthstarInternals;
import ai.northstar.internal.export.DropReason;
import ai.northstar.internal.export.QueueListener;
import ai.northstar.internal.export.RecordQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the metrics of a client's export pipeline to a Micrometer registry:
 * <ul>
 * <li>{@code northstar.queue.size} (gauge): records pending</li>
 * <li>{@code northstar.records.sent} (counter): records the backend accepted</li>
 * <li>{@code northstar.records.dropped} (counter, tag {@code reason}: {@code queue_full}, {@code rejected},
 * {@code expired}, {@code shutdown}): records dropped on purpose</li>
 * <li>{@code northstar.flush} (timer, tag {@code outcome}: {@code success}, {@code retryable_failure},
 * {@code rejected}, {@code unauthorized}, {@code refused}): attempts to send a batch</li>
 * <li>{@code northstar.retries} (counter): attempts made again after a failure</li>
 * </ul>
 * Counts start when the binder is bound. Bind it once per registry.
 *
 * @since 0.1.0
 */
public final class NorthstarMeterBinder implements MeterBinder {

	private final RecordQueue buffer;

	/**
	 * Creates a binder for the given client.
	 * @param client the client
	 */
	public NorthstarMeterBinder(Northstar client) {
		this.buffer = NorthstarInternals.pipeline(client).queue();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("northstar.queue.size", this.buffer, RecordQueue::size)
			.description("Records waiting to be sent to NorthStar")
			.register(registry);
		Counter sent = Counter.builder("northstar.records.sent")
			.description("Records NorthStar accepted")
			.register(registry);
		Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
		for (DropReason reason : DropReason.values()) {
			dropped.put(reason, Counter.builder("northstar.records.dropped")
				.description("Records dropped on purpose, by reason")
				.tag("reason", reason.tag())
				.register(registry));
		}
		Counter retries = Counter.builder("northstar.retries")
			.description("Attempts made again after a failure")
			.register(registry);
		Map<String, Timer> flushes = new ConcurrentHashMap<>();
		this.buffer.addListener(new QueueListener() {

			@Override
			public void onDropped(DropReason reason, int count) {
				dropped.get(reason).increment(count);
			}

			@Override
			public void onSent(int count) {
				sent.increment(count);
			}

			@Override
			public void onAttempt(String outcome, long nanos, int records) {
				flushes.computeIfAbsent(outcome, (tag) -> Timer.builder("northstar.flush")
					.description("Attempts to send a batch to NorthStar")
					.tag("outcome", tag)
					.register(registry)).record(nanos, TimeUnit.NANOSECONDS);
			}

			@Override
			public void onRetry() {
				retries.increment();
			}

		});
	}

}
