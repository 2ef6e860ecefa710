package ai.northstar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.northstar.data.Batch;
import ai.northstar.data.EventData;
import ai.northstar.data.RunData;
import ai.northstar.data.SpanData;
import ai.northstar.internal.export.WireFormat;

/**
 * A run rebuilt from a flushed batch, read-only: its latest data, what replay needs of its spans, and its events.
 *
 * @param data the run's latest state in the batch
 * @param spans the run's spans, by id
 * @param events the events of the run and its spans, in order
 */
record RebuiltRun(RunData data, Map<UUID, Run.SpanInfo> spans, List<EventData> events) {

	/**
	 * Picks a run out of a batch.
	 * @param batch the batch
	 * @param runId the id of the run
	 * @return the rebuilt run
	 * @throws IllegalArgumentException when the batch holds no such run
	 */
	static RebuiltRun from(Batch batch, UUID runId) {
		RunData data = batch.runs()
			.stream()
			.filter((run) -> run.id().equals(runId))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new IllegalArgumentException("The batch holds no run with id " + runId));
		Map<UUID, Run.SpanInfo> spans = new LinkedHashMap<>();
		for (SpanData span : batch.spans()) {
			if (span.runId().equals(runId)) {
				spans.put(span.id(), new Run.SpanInfo(span.name(), span.kind()));
			}
		}
		List<EventData> events = batch.events().stream().filter((event) -> event.runId().equals(runId)).toList();
		return new RebuiltRun(data, spans, events);
	}

	/**
	 * Picks a run out of the JSON text of a batch.
	 * @param json the batch JSON, as sent to NorthStar
	 * @param runId the id of the run
	 * @return the rebuilt run
	 * @throws IllegalArgumentException when the text is not a batch or holds no such run
	 */
	static RebuiltRun fromJson(String json, UUID runId) {
		Batch batch;
		try {
			batch = WireFormat.read(json);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a NorthStar batch: " + ex.getMessage(), ex);
		}
		return from(batch, runId);
	}

}
