package ai.northstar.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.northstar.internal.WireText;

/**
 * Makes unmodifiable copies that keep insertion order, so records read back in the order they were written, with
 * keys the backend can store: see {@link WireText#sanitizeKeys(Map)}.
 */
final class Frozen {

	private Frozen() {
	}

	static <V> Map<String, V> map(Map<String, V> source) {
		if (source == null || source.isEmpty()) {
			return Map.of();
		}
		Map<String, V> storable = WireText.sanitizeKeys(source);
		return Collections.unmodifiableMap((storable != source) ? storable : new LinkedHashMap<>(source));
	}

}
