package ai.northstar;

import java.lang.ref.WeakReference;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The runs a client started lately, so that code given only a trace id (an evaluation, a score with a span) can
 * reach the live run: a direct-mapped table indexed by the run id's random bits, each slot holding the last run
 * that mapped to it, weakly, so it never keeps a run the application let go. No lock and no shared counter on the
 * recording path: one slot write per run.
 */
final class RecentRuns {

	private static final int SLOTS = 4096;

	private final AtomicReferenceArray<WeakReference<Run>> slots = new AtomicReferenceArray<>(SLOTS);

	void add(Run run) {
		this.slots.lazySet(slot(run.id()), new WeakReference<>(run));
	}

	Optional<Run> find(UUID id) {
		WeakReference<Run> reference = this.slots.get(slot(id));
		Run run = (reference != null) ? reference.get() : null;
		return (run != null && run.id().equals(id)) ? Optional.of(run) : Optional.empty();
	}

	private static int slot(UUID id) {
		return (int) (id.getLeastSignificantBits() ^ (id.getLeastSignificantBits() >>> 32)) & (SLOTS - 1);
	}

}
