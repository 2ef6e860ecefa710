package ai.northstar.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What one recording thread did in the measurement iterations, beyond JMH's own figures.
 * <ul>
 * <li>Its own allocation. JMH's {@code -prof gc} divides the allocation of every thread in the JVM by the
 * operations, so it also counts the background exporter's work (NorthStar's flusher snapshotting and serializing,
 * OpenTelemetry's batch worker); this reads the recording thread's own counter, so the two can be told apart.</li>
 * <li>How long it waited, outside the measured time, for its pipeline's exporter to catch up
 * ({@link #awaitBelow}), and so the sustained cost per run counting those waits: the wall time of the iterations
 * divided by the runs. When it is far above JMH's score, the exporter, not the recording, limits the pipeline.</li>
 * </ul>
 * The counts include the invocation-level setup JMH runs around each measured run.
 *
 * @since 0.1.0
 */
@State(Scope.Thread)
public class RecordingProbe {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final LongAdder totalBytes = new LongAdder();

	private static final LongAdder totalRuns = new LongAdder();

	private static final LongAdder totalNanos = new LongAdder();

	private static final LongAdder totalWaitNanos = new LongAdder();

	private static final LongAdder totalWaits = new LongAdder();

	private static final LongAdder totalNudges = new LongAdder();

	/** How long a backlog may stand still before the exporter is nudged. */
	static final long STALL_NANOS = 2_000_000;

	private long startBytes;

	private long startNanos;

	private long runs;

	private long waitNanos;

	private long waits;

	private long nudges;

	/**
	 * Reads the thread's counters before an iteration.
	 */
	@Setup(Level.Iteration)
	public void start() {
		this.runs = 0;
		this.waits = 0;
		this.nudges = 0;
		this.waitNanos = 0;
		this.startNanos = System.nanoTime();
		this.startBytes = THREADS.getCurrentThreadAllocatedBytes();
	}

	/**
	 * Counts one recorded run.
	 * @return the runs recorded in this iteration so far
	 */
	long recorded() {
		return ++this.runs;
	}

	/**
	 * Waits, parking briefly, until the backlog is at most the low-water mark.
	 * @param backlog the pipeline's backlog
	 * @param lowWater the backlog to wait for
	 * @param stalled called when the backlog has not moved for {@value #STALL_NANOS} ns: an exporter that only
	 * wakes up when new work arrives would otherwise wait for its timer, as the recording threads are all waiting
	 */
	void awaitBelow(LongSupplier backlog, long lowWater, Runnable stalled) {
		long start = System.nanoTime();
		long last = backlog.getAsLong();
		long lastMoved = start;
		while (last > lowWater) {
			LockSupport.parkNanos(20_000);
			long now = backlog.getAsLong();
			long time = System.nanoTime();
			if (now != last) {
				last = now;
				lastMoved = time;
			}
			else if (time - lastMoved > STALL_NANOS) {
				stalled.run();
				this.nudges++;
				lastMoved = System.nanoTime();
			}
		}
		this.waitNanos += System.nanoTime() - start;
		this.waits++;
	}

	/**
	 * Adds the iteration's figures to the totals when it was a measurement iteration.
	 * @param iteration the iteration
	 */
	@TearDown(Level.Iteration)
	public void stop(IterationParams iteration) {
		long bytes = THREADS.getCurrentThreadAllocatedBytes() - this.startBytes;
		long nanos = System.nanoTime() - this.startNanos;
		if (iteration.getType() == IterationType.MEASUREMENT) {
			totalBytes.add(bytes);
			totalRuns.add(this.runs);
			totalNanos.add(nanos);
			totalWaitNanos.add(this.waitNanos);
			totalWaits.add(this.waits);
			totalNudges.add(this.nudges);
		}
	}

	/**
	 * Describes the measurement iterations of every recording thread.
	 * @return a line for the benchmark log
	 */
	static String summary() {
		long runs = totalRuns.sum();
		if (runs == 0) {
			return "no measured runs";
		}
		long nanos = totalNanos.sum();
		long waited = totalWaitNanos.sum();
		return String.format("measured %,d runs: recording threads allocated %.0f B/run themselves; waited for the"
				+ " exporter %,d times (nudged a stalled exporter %,d times), %.1f%% of their time; sustained %.0f"
				+ " ns/run per thread counting the waits", runs, (double) totalBytes.sum() / runs, totalWaits.sum(),
				totalNudges.sum(), 100.0 * waited / nanos, (double) nanos / runs);
	}

}
