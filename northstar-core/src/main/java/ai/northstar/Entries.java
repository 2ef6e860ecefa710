package ai.northstar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import ai.northstar.capture.ContentCapture;
import ai.northstar.internal.JsonSize;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The metadata of a session or run, the attributes of a span or an event: captured entry by entry, so a value over
 * the cap is truncated with the content envelope and never loses the user's key, within a bound on the whole map
 * ({@value #MAX_RECORD_SIZE} bytes of JSON), so that one record always fits a batch whatever the application
 * writes. Keys longer than {@value #MAX_KEY_LENGTH} characters are cut. Once the values fill the bound, a new key
 * still gets its value as a small envelope, within {@value #KEY_ALLOWANCE} bytes more and {@value #MAX_KEYS} keys in
 * all; a key beyond those is left out, and counted under {@value #OMITTED_KEYS}. The SDK's own summary keys
 * ({@code latency_ms}, {@code cost_usd}, the token counts, {@code model}...) are always kept. So a record's entries
 * stay under about half a megabyte whatever is written. Not thread-safe: its owner guards it.
 */
final class Entries {

	/** The most bytes of JSON the entries of one record take, about; values are truncated to stay within it. */
	static final int MAX_RECORD_SIZE = 256 * 1024;

	/** The most characters of a key. */
	static final int MAX_KEY_LENGTH = 1024;

	/** What a value always gets, at least: room for the envelope that says it was truncated. */
	static final int MIN_VALUE_SIZE = 160;

	/** The most keys, about: a new key beyond it is left out and counted. */
	static final int MAX_KEYS = 1000;

	/** The bytes beyond {@link #MAX_RECORD_SIZE} that new keys, with their values as envelopes, may still take. */
	static final int KEY_ALLOWANCE = 64 * 1024;

	/** The key under which the number of keys left out is written. */
	static final String OMITTED_KEYS = "_northstar_omitted_keys";

	/** The keys the SDK writes itself and the dashboard reads: never left out. */
	private static final Set<String> SUMMARY_KEYS = Set.of("latency_ms", "cost_usd", "total_input_tokens",
			"total_output_tokens", "evaluation_cost_usd", "model", "input_tokens", "output_tokens", "total_tokens",
			"pricing_source", "project", "environment", "tags");

	private Map<String, JsonNode> map;

	private long size;

	private int omitted;

	private Entries(Map<String, JsonNode> map, long size) {
		this.map = map;
		this.size = size;
	}

	static Entries empty() {
		return new Entries(Map.of(), 2);
	}

	/**
	 * Captures a map's entries, one by one, within the record bound. Runs the application's getters: call it outside
	 * any lock.
	 */
	static Entries capture(ContentCapture capture, @Nullable Map<String, ?> values) {
		Entries entries = empty();
		if (values == null || values.isEmpty()) {
			return entries;
		}
		for (Map.Entry<String, ?> entry : values.entrySet()) {
			String key = key(entry.getKey());
			if (entries.admits(key)) {
				entries.put(key, value(capture, key, entry.getValue(), entries.limitFor(capture, key)));
			}
			else {
				// Not worth capturing: it is left out whatever its value.
				entries.omit(1);
			}
		}
		return entries;
	}

	/** Captures a value stored under a key: redacted when the key names a secret, else within the limit. */
	static JsonNode value(ContentCapture capture, String key, @Nullable Object value, int limit) {
		return capture.redacts(key) ? capture.capture(ContentCapture.REDACTED) : capture.capture(value, limit);
	}

	/**
	 * Returns the most bytes a new value of the key may take: what the map has left, the value it replaces
	 * included, at most the content cap, at least room for an envelope. The owner holds its lock; the capture
	 * itself then runs outside it.
	 */
	int limitFor(ContentCapture capture, String key) {
		JsonNode previous = this.map.get(key);
		long room = MAX_RECORD_SIZE - this.size - JsonSize.of(key) - 4
				+ ((previous != null) ? JsonSize.of(previous) + JsonSize.of(key) + 4 : 0);
		return (int) Math.max(MIN_VALUE_SIZE, Math.min(capture.maxContentSize(), room));
	}

	/** Cuts a key to {@value #MAX_KEY_LENGTH} characters. */
	static String key(@Nullable String key) {
		String text = (key != null) ? key : "null";
		return ai.northstar.internal.WireText.truncate(text, MAX_KEY_LENGTH);
	}

	/** Whether the key can be stored with some value: it is here already, it is a summary key, or there is room. */
	boolean admits(String key) {
		return this.map.containsKey(key) || SUMMARY_KEYS.contains(key)
				|| (this.map.size() < MAX_KEYS
						&& this.size + JsonSize.of(key) + 4 + MIN_VALUE_SIZE <= MAX_RECORD_SIZE + KEY_ALLOWANCE);
	}

	void put(String key, JsonNode value) {
		if (!this.map.containsKey(key) && !SUMMARY_KEYS.contains(key) && (this.map.size() >= MAX_KEYS
				|| this.size + JsonSize.of(key) + 4 + JsonSize.of(value) > MAX_RECORD_SIZE + KEY_ALLOWANCE)) {
			omit(1);
			return;
		}
		store(key, value);
	}

	private void store(String key, JsonNode value) {
		Map<String, JsonNode> writable = writable();
		JsonNode previous = writable.put(key, value);
		if (previous != null) {
			this.size -= JsonSize.of(key) + 4 + JsonSize.of(previous);
		}
		this.size += JsonSize.of(key) + 4 + JsonSize.of(value);
	}

	void putAll(Entries other) {
		other.map.forEach((key, value) -> {
			if (!OMITTED_KEYS.equals(key)) {
				put(key, value);
			}
		});
		if (other.omitted > 0) {
			omit(other.omitted);
		}
	}

	/** Counts keys left out, in the entry that says how many. */
	private void omit(int count) {
		this.omitted += count;
		store(OMITTED_KEYS, JsonNodeFactory.instance.numberNode(this.omitted));
	}

	/** The entries; the caller copies them before the owner's lock is released. */
	Map<String, JsonNode> map() {
		return this.map;
	}

	boolean isEmpty() {
		return this.map.isEmpty();
	}

	private Map<String, JsonNode> writable() {
		if (!(this.map instanceof LinkedHashMap)) {
			this.map = new LinkedHashMap<>(this.map);
		}
		return this.map;
	}

}
