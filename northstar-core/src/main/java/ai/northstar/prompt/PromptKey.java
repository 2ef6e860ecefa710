package ai.northstar.prompt;

import org.jspecify.annotations.Nullable;

/**
 * What a prompt is asked for by: a name and either a label or an exact version.
 *
 * @param name the name (or slug)
 * @param label the label, {@code null} when a version is asked for
 * @param version the version, {@code null} when a label is asked for
 */
record PromptKey(String name, @Nullable String label, @Nullable Integer version) {

	static PromptKey label(String name, String label) {
		return new PromptKey(name, label, null);
	}

	static PromptKey version(String name, int version) {
		return new PromptKey(name, null, version);
	}

	/** Whether the answer can never change: an exact version is immutable. */
	boolean isImmutable() {
		return this.version != null;
	}

	/** Names the prompt in messages: {@code 'support-answer' (label 'prod')} or {@code 'support-answer' version 3}. */
	String describe() {
		return (this.version != null) ? "'" + this.name + "' version " + this.version
				: "'" + this.name + "' (label '" + this.label + "')";
	}

	@Override
	public String toString() {
		return describe();
	}

}
