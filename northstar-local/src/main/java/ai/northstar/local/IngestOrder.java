package ai.northstar.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The order in which the backend applies the spans of one batch: a span whose parent is in the same batch comes
 * after it, otherwise the order of the batch is kept. A cycle is left as it is, and fails the reference check.
 *
 * @since 0.1.0
 */
public final class IngestOrder {

	private IngestOrder() {
	}

	/**
	 * Orders validated span records so that parents precede their children.
	 * @param spans the span records of a batch, each with a canonical {@code id}
	 * @return the same records, parents first
	 */
	public static List<JsonNode> parentsFirst(List<JsonNode> spans) {
		Map<UUID, List<Integer>> indexesById = new HashMap<>();
		for (int i = 0; i < spans.size(); i++) {
			indexesById.computeIfAbsent(uuid(spans.get(i), "id"), (id) -> new ArrayList<>()).add(i);
		}
		List<JsonNode> ordered = new ArrayList<>(spans.size());
		byte[] state = new byte[spans.size()];
		for (int i = 0; i < spans.size(); i++) {
			visit(i, spans, indexesById, state, ordered);
		}
		return ordered;
	}

	private static void visit(int start, List<JsonNode> spans, Map<UUID, List<Integer>> indexesById, byte[] state,
			List<JsonNode> ordered) {
		// Iterative depth-first walk towards the roots, so that deep span trees cannot overflow the stack.
		Deque<int[]> stack = new ArrayDeque<>();
		stack.push(new int[] { start, 0 });
		while (!stack.isEmpty()) {
			int[] frame = stack.peek();
			int index = frame[0];
			if (state[index] == 2) {
				stack.pop();
				continue;
			}
			state[index] = 1;
			UUID parent = optionalUuid(spans.get(index), "parent_span_id");
			List<Integer> parents = (parent != null) ? indexesById.getOrDefault(parent, List.of()) : List.of();
			if (frame[1] < parents.size()) {
				int next = parents.get(frame[1]++);
				if (state[next] == 0) {
					stack.push(new int[] { next, 0 });
				}
				continue;
			}
			state[index] = 2;
			ordered.add(spans.get(index));
			stack.pop();
		}
	}

	private static UUID uuid(JsonNode record, String key) {
		return UUID.fromString(record.get(key).stringValue());
	}

	private static @Nullable UUID optionalUuid(JsonNode record, String key) {
		JsonNode value = record.get(key);
		return (value != null) ? UUID.fromString(value.stringValue()) : null;
	}

}
