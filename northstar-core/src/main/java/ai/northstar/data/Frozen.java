package ai.northstar.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes unmodifiable copies that keep insertion order, so records read back in the order they were written.
 */
final class Frozen {

	private Frozen() {
	}

	static <V> Map<String, V> map(Map<String, V> source) {
		if (source == null || source.isEmpty()) {
			return Map.of();
		}
		return Collections.unmodifiableMap(new LinkedHashMap<>(source));
	}

}
