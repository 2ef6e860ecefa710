package ai.northstar.internal.export;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Writes JSON trees (contents, metadata, attributes) node by node into a {@link WireBuffer}. Objects, arrays,
 * strings, booleans, nulls and whole numbers are written here; any other node (a decimal, a double, a binary or POJO
 * node) is handed to a Jackson mapper, whose generator must apply the same text rules, and its bytes are copied in,
 * so the output is byte for byte what that mapper writes for the whole tree. Nesting is bounded as that mapper's
 * generator bounds it (and its parser reads it back), so a hostile tree fails with an exception rather than
 * overflowing the stack or making a body that cannot be read.
 */
final class TreeWriter {

	private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

	private final Function<JsonNode, byte[]> otherNodes;

	private final int maxDepth;

	/**
	 * Creates a writer.
	 * @param otherNodes writes, as a whole JSON text, a node this writer does not write itself
	 * @param maxDepth the deepest nesting of objects and arrays written, the enclosing document's own included: the
	 * mapper's
	 */
	TreeWriter(Function<JsonNode, byte[]> otherNodes, int maxDepth) {
		this.otherNodes = otherNodes;
		this.maxDepth = maxDepth;
	}

	/**
	 * Writes a map of values as one JSON object.
	 * @param values the values, by key
	 * @param out the buffer
	 * @param depth the objects and arrays open around the object
	 */
	void properties(Map<String, JsonNode> values, WireBuffer out, int depth) {
		object(values.entrySet(), out, depth);
	}

	private void object(Iterable<Map.Entry<String, JsonNode>> properties, WireBuffer out, int depth) {
		checkDepth(depth);
		out.raw((byte) '{');
		boolean first = true;
		for (Map.Entry<String, JsonNode> property : properties) {
			if (!first) {
				out.raw((byte) ',');
			}
			first = false;
			out.string(property.getKey());
			out.raw((byte) ':');
			node(property.getValue(), out, depth + 1);
		}
		out.raw((byte) '}');
	}

	/**
	 * Writes a node; {@code null} as JSON {@code null}.
	 * @param node the node
	 * @param out the buffer
	 * @param depth the objects and arrays open around the node
	 * @throws IllegalArgumentException when the node nests deeper than the most levels
	 */
	void node(@Nullable JsonNode node, WireBuffer out, int depth) {
		if (node == null) {
			out.raw(NULL);
			return;
		}
		switch (node.getNodeType()) {
			case STRING -> out.string(node.stringValue());
			case NULL -> out.raw(NULL);
			case BOOLEAN -> out.raw(node.booleanValue() ? TRUE : FALSE);
			case OBJECT -> object(node.properties(), out, depth);
			case ARRAY -> {
				checkDepth(depth);
				out.raw((byte) '[');
				for (int i = 0; i < node.size(); i++) {
					if (i > 0) {
						out.raw((byte) ',');
					}
					node(node.get(i), out, depth + 1);
				}
				out.raw((byte) ']');
			}
			case NUMBER -> {
				switch (node.numberType()) {
					case INT, LONG -> out.number(node.longValue());
					case BIG_INTEGER -> out.ascii(node.bigIntegerValue().toString());
					default -> out.raw(this.otherNodes.apply(node));
				}
			}
			default -> out.raw(this.otherNodes.apply(node));
		}
	}

	/** Checks that one more object or array can be opened inside {@code depth} open ones. */
	private void checkDepth(int depth) {
		if (depth >= this.maxDepth) {
			throw new IllegalArgumentException("A value nested deeper than " + this.maxDepth + " levels");
		}
	}

}
