package ai.northstar.evals;

import ai.northstar.evals.internal.EvalJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link TraceDag} as the Python SDK dumps its {@code EvalTraceDag}.
 */
final class TraceJson {

	private TraceJson() {
	}

	static ObjectNode write(TraceDag trace) {
		ObjectNode node = EvalJson.NODES.objectNode();
		node.set("run", trace.run().toJson());
		ArrayNode spans = node.putArray("spans");
		trace.spans().forEach((span) -> spans.add(span.toJson()));
		ArrayNode events = node.putArray("events");
		for (TraceDag.TraceEvent event : trace.events()) {
			ObjectNode item = events.addObject();
			item.put("id", event.id());
			item.put("run_id", event.runId());
			item.put("span_id", event.spanId());
			item.put("type", event.type());
			item.put("created_at", event.createdAt());
			item.set("content", event.content());
			item.set("attributes", EvalJson.toJson(event.attributes()));
			item.put("order", event.order());
		}
		ArrayNode edges = node.putArray("edges");
		trace.edges()
			.forEach((edge) -> edges.addObject()
				.put("source_id", edge.sourceId())
				.put("target_id", edge.targetId())
				.put("kind", edge.kind()));
		return node;
	}

}
