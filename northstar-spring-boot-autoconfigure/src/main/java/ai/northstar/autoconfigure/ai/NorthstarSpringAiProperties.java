package ai.northstar.autoconfigure.ai;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Spring AI integration ({@code northstar.spring-ai.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("northstar.spring-ai")
public class NorthstarSpringAiProperties {

	/** Whether Spring AI chat calls, tool calls, streams and embeddings are traced. */
	private boolean enabled = true;

	/**
	 * Whether an outermost Spring AI call made outside any trace starts a run of its own; with false nothing is
	 * recorded outside traces.
	 */
	private boolean autoTrace = true;

	/** Whether the texts of embedding requests are recorded (as a custom event); off by default. */
	private boolean captureEmbeddingInput;

	/**
	 * Returns whether Spring AI calls are traced.
	 * @return whether enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether Spring AI calls are traced.
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

	/**
	 * Returns whether embedded texts are recorded.
	 * @return whether embedding inputs are captured
	 */
	public boolean isCaptureEmbeddingInput() {
		return this.captureEmbeddingInput;
	}

	/**
	 * Sets whether embedded texts are recorded.
	 * @param captureEmbeddingInput whether embedding inputs are captured
	 */
	public void setCaptureEmbeddingInput(boolean captureEmbeddingInput) {
		this.captureEmbeddingInput = captureEmbeddingInput;
	}

}
