package ai.northstar.prompt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * The prompts pulled so far, by what they were asked for, at most {@code maxSize} of them: the least recently used
 * goes first. Thread-safe; its lock is held only for map operations, never while anything waits.
 */
final class PromptCache {

	private final int maxSize;

	private final Map<PromptKey, Entry> entries;

	PromptCache(int maxSize) {
		this.maxSize = maxSize;
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<PromptKey, Entry> eldest) {
				return size() > PromptCache.this.maxSize;
			}

		};
	}

	synchronized @Nullable Entry get(PromptKey key) {
		return this.entries.get(key);
	}

	synchronized void put(PromptKey key, Entry entry) {
		this.entries.put(key, entry);
	}

	/** Stores an entry unless one is there already; returns the one kept. */
	synchronized Entry putIfAbsent(PromptKey key, Entry entry) {
		Entry existing = this.entries.putIfAbsent(key, entry);
		return (existing != null) ? existing : entry;
	}

	/** Replaces the entry, when there is one, with what the function makes of it; returns the previous one. */
	synchronized @Nullable Entry update(PromptKey key, UnaryOperator<Entry> change) {
		Entry previous = this.entries.get(key);
		if (previous != null) {
			this.entries.put(key, change.apply(previous));
		}
		return previous;
	}

	synchronized @Nullable Entry remove(PromptKey key) {
		return this.entries.remove(key);
	}

	synchronized int size() {
		return this.entries.size();
	}

	/**
	 * A cached prompt.
	 *
	 * @param prompt the prompt
	 * @param refreshAt when, in {@link System#nanoTime()} terms, to pull it again
	 * @param expires whether it is ever pulled again: an exact version never is
	 * @param warned whether the failure to refresh it was logged since it was last pulled
	 */
	record Entry(Prompt prompt, long refreshAt, boolean expires, boolean warned) {

		boolean isDue(long now) {
			return this.expires && now - this.refreshAt >= 0;
		}

		Entry retryAt(long refreshAt) {
			return new Entry(this.prompt, refreshAt, this.expires, this.warned);
		}

		Entry warnedOnce() {
			return new Entry(this.prompt, this.refreshAt, this.expires, true);
		}

	}

}
