package ai.northstar.sample;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSpan;
import ai.northstar.local.jdbc.JdbcStore;
import ai.northstar.local.jdbc.RunDetail;
import ai.northstar.local.spring.LocalNorthstar;

/**
 * What the sample's local NorthStar stored, read from its database, for the tests' assertions.
 */
public final class SampleTraces {

	private final JdbcStore store;

	/**
	 * Reads the store of the application's local NorthStar.
	 * @param local the local NorthStar bean
	 */
	public SampleTraces(LocalNorthstar local) {
		this.store = local.store();
	}

	/**
	 * Returns the stored run.
	 * @param id the run id
	 * @return the run, if stored
	 */
	public Optional<StoredRun> run(UUID id) {
		return detail(id).map(RunDetail::run);
	}

	/**
	 * Returns the spans of a run.
	 * @param id the run id
	 * @return its spans
	 */
	public List<StoredSpan> spansOf(UUID id) {
		return detail(id).map(RunDetail::spans).orElse(List.of());
	}

	/**
	 * Returns the events of a run.
	 * @param id the run id
	 * @return its events
	 */
	public List<StoredEvent> eventsOf(UUID id) {
		return detail(id).map(RunDetail::events).orElse(List.of());
	}

	/**
	 * Returns the scores of a run.
	 * @param id the run id
	 * @return its scores
	 */
	public List<StoredScore> scoresOf(UUID id) {
		return detail(id).map(RunDetail::scores).orElse(List.of());
	}

	/**
	 * Returns the prompt versions linked to the spans of a run, with their links.
	 * @param id the run id
	 * @return its prompt links
	 */
	public List<RunDetail.LinkedPrompt> promptsOf(UUID id) {
		return detail(id).map(RunDetail::prompts).orElse(List.of());
	}

	/**
	 * Returns how many runs are stored.
	 * @return the run count
	 */
	public int runCount() {
		return this.store.counts().runs();
	}

	/**
	 * Returns the messages of the batches the store refused.
	 * @return the messages
	 */
	public List<String> rejections() {
		return this.store.rejectionMessages();
	}

	private Optional<RunDetail> detail(UUID id) {
		return this.store.queries().run(id);
	}

}
