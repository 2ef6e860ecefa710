package ai.northstar.sample.tools;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.ai.chat.model.ToolContext;

/**
 * What the tools found while answering one question: the pages' addresses and text, and whether a calculation
 * succeeded. Thread-safe: Spring AI may run tools on another thread than the caller's.
 *
 * @since 0.1.0
 */
public final class Findings {

	private final Set<String> sources = new LinkedHashSet<>();

	private final StringBuilder text = new StringBuilder();

	private boolean calculated;

	static Findings of(ToolContext context) {
		Object findings = context.getContext().get(ResearchTools.FINDINGS);
		return (findings instanceof Findings found) ? found : new Findings();
	}

	synchronized void addSource(String url, String text) {
		this.sources.add(url);
		this.text.append(text).append(' ');
	}

	synchronized int sourceCount() {
		return this.sources.size();
	}

	synchronized void calculated() {
		this.calculated = true;
	}

	/**
	 * Returns the addresses of the pages found, in order.
	 * @return the sources
	 */
	public synchronized List<String> sources() {
		return new ArrayList<>(this.sources);
	}

	/**
	 * Returns the text of what was found.
	 * @return the text
	 */
	public synchronized String text() {
		return this.text.toString();
	}

	/**
	 * Returns whether a calculation succeeded.
	 * @return whether something was calculated
	 */
	public synchronized boolean isCalculated() {
		return this.calculated;
	}

}
