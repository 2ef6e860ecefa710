package ai.northstar.autoconfigure.langchain4j;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the LangChain4j integration ({@code northstar.langchain4j.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("northstar.langchain4j")
public class NorthstarLangChain4jProperties {

	/** Whether LangChain4j chat models, streams, AI services and their tools are traced. */
	private boolean enabled = true;

	/**
	 * Whether a LangChain4j model call or AI-service invocation made outside any trace starts a run of its own; with
	 * false nothing is recorded outside traces.
	 */
	private boolean autoTrace = true;

	/**
	 * Returns whether LangChain4j calls are traced.
	 * @return whether enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether LangChain4j calls are traced.
	 * @param enabled whether enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns whether calls outside traces start a run.
	 * @return whether auto-trace is on
	 */
	public boolean isAutoTrace() {
		return this.autoTrace;
	}

	/**
	 * Sets whether calls outside traces start a run.
	 * @param autoTrace whether auto-trace is on
	 */
	public void setAutoTrace(boolean autoTrace) {
		this.autoTrace = autoTrace;
	}

}
