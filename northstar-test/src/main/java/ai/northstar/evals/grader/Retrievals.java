package ai.northstar.evals.grader;

import java.util.ArrayList;
import java.util.List;

import ai.northstar.evals.internal.EvalJson;
import tools.jackson.databind.JsonNode;

/**
 * Reads the ids of retrieved documents from a {@code tool_result}: a list of objects with {@code id}, or an object
 * with {@code retrieved_ids}, {@code document_ids} or {@code ids}, or with {@code hits}, {@code documents} or
 * {@code results} holding objects with {@code id}.
 */
final class Retrievals {

	private Retrievals() {
	}

	static List<String> ids(JsonNode content) {
		if (content.isArray()) {
			return idsOf(content);
		}
		if (!content.isObject()) {
			return List.of();
		}
		for (String key : List.of("retrieved_ids", "document_ids", "ids")) {
			JsonNode value = content.get(key);
			if (value != null && value.isArray()) {
				List<String> ids = new ArrayList<>();
				value.forEach((item) -> ids.add(EvalJson.pyStr(item)));
				return ids;
			}
		}
		for (String key : List.of("hits", "documents", "results")) {
			JsonNode value = content.get(key);
			if (value != null && value.isArray()) {
				return idsOf(value);
			}
		}
		return List.of();
	}

	private static List<String> idsOf(JsonNode items) {
		List<String> ids = new ArrayList<>();
		for (JsonNode item : items) {
			JsonNode id = item.isObject() ? item.get("id") : null;
			if (id != null && !id.isNull()) {
				ids.add(EvalJson.pyStr(id));
			}
		}
		return ids;
	}

}
