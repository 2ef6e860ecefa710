package ai.northstar.capture;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The containers a walk is inside, outermost first: refuses a container met again inside itself (a cycle) and one
 * nested deeper than {@link #MAX_DEPTH}. Compares by identity. Not thread-safe: one instance per capture.
 */
final class WalkPath {

	/** Containers nested deeper than this become a marker. */
	static final int MAX_DEPTH = 64;

	private Object[] containers = new Object[8];

	private int depth;

	/**
	 * Pushes a container.
	 * @param container the container
	 * @return {@code null} when entered (call {@link #exit()} after), else the marker to write instead
	 */
	@Nullable String enter(Object container) {
		if (this.depth >= MAX_DEPTH) {
			return "<max depth exceeded: " + ValueTypes.simpleName(container.getClass()) + ">";
		}
		Object[] containers = this.containers;
		for (int i = 0; i < this.depth; i++) {
			if (containers[i] == container) {
				return "<cycle: " + ValueTypes.simpleName(container.getClass()) + ">";
			}
		}
		if (this.depth == containers.length) {
			containers = Arrays.copyOf(containers, containers.length * 2);
			this.containers = containers;
		}
		containers[this.depth++] = container;
		return null;
	}

	/** Pops the container entered last. */
	void exit() {
		this.containers[--this.depth] = null;
	}

}
