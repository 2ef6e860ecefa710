package ai.northstar;

/**
 * Which typed events are written. A typed {@code record*} method whose flag is off writes nothing and returns an
 * empty {@link java.util.Optional}; custom events are always written. The low-level client defaults to
 * {@link #none()}; the Spring Boot starter, like the reference {@code init()}, to {@link #all()}.
 *
 * <pre>{@code
 * CaptureOptions options = CaptureOptions.builder().userInput(true).finalResponse(true).build();
 * }</pre>
 *
 * @param userInput capture {@link EventType#USER_INPUT} events
 * @param systemMessages capture {@link EventType#SYSTEM_MESSAGE} events
 * @param assistantMessages capture {@link EventType#ASSISTANT_MESSAGE} events
 * @param reasoning capture {@link EventType#REASONING} events
 * @param toolArguments capture {@link EventType#TOOL_ARGUMENTS} events
 * @param toolResults capture {@link EventType#TOOL_RESULT} events
 * @param finalResponse capture {@link EventType#FINAL_RESPONSE} events
 * @since 0.1.0
 */
public record CaptureOptions(boolean userInput, boolean systemMessages, boolean assistantMessages, boolean reasoning,
		boolean toolArguments, boolean toolResults, boolean finalResponse) {

	private static final CaptureOptions NONE = new CaptureOptions(false, false, false, false, false, false, false);

	private static final CaptureOptions ALL = new CaptureOptions(true, true, true, true, true, true, true);

	/**
	 * Returns options that capture no typed event.
	 * @return all flags off
	 */
	public static CaptureOptions none() {
		return NONE;
	}

	/**
	 * Returns options that capture every typed event.
	 * @return all flags on
	 */
	public static CaptureOptions all() {
		return ALL;
	}

	/**
	 * Returns a builder with every flag off.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns whether events of the given type are captured.
	 * @param type the event type
	 * @return {@code true} when captured; always for {@link EventType#CUSTOM}
	 */
	public boolean captures(EventType type) {
		return switch (type) {
			case USER_INPUT -> this.userInput;
			case SYSTEM_MESSAGE -> this.systemMessages;
			case ASSISTANT_MESSAGE -> this.assistantMessages;
			case REASONING -> this.reasoning;
			case TOOL_ARGUMENTS -> this.toolArguments;
			case TOOL_RESULT -> this.toolResults;
			case FINAL_RESPONSE -> this.finalResponse;
			case CUSTOM -> true;
		};
	}

	/**
	 * Builds {@link CaptureOptions}; every flag starts off.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private boolean userInput;

		private boolean systemMessages;

		private boolean assistantMessages;

		private boolean reasoning;

		private boolean toolArguments;

		private boolean toolResults;

		private boolean finalResponse;

		private Builder() {
		}

		/**
		 * Sets whether user input is captured.
		 * @param capture the flag
		 * @return this builder
		 */
		public Builder userInput(boolean capture) {
			this.userInput = capture;
			return this;
		}

		/**
		 * Sets whether system messages are captured.
		 * @param capture the flag
		 * @return this builder
		 */
		public Builder systemMessages(boolean capture) {
			this.systemMessages = capture;
			return this;
		}

		/**
		 * Sets whether assistant messages are captured.
		 * @param capture the flag
		 * @return this builder
		 */
		public Builder assistantMessages(boolean capture) {
			this.assistantMessages = capture;
			return this;
		}

		/**
		 * Sets whether reasoning is captured.
		 * @param capture the flag
		 * @return this builder
		 */
		public Builder reasoning(boolean capture) {
			this.reasoning = capture;
			return this;
		}

		/**
		 * Sets whether tool arguments are captured.
		 * @param capture the flag
		 * @return this builder
		 */
		public Builder toolArguments(boolean capture) {
			this.toolArguments = capture;
			return this;
		}

		/**
		 * Sets whether tool results are captured.
		 * @param capture the flag
		 * @return this builder
		 */
		public Builder toolResults(boolean capture) {
			this.toolResults = capture;
			return this;
		}

		/**
		 * Sets whether final responses are captured.
		 * @param capture the flag
		 * @return this builder
		 */
		public Builder finalResponse(boolean capture) {
			this.finalResponse = capture;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public CaptureOptions build() {
			return new CaptureOptions(this.userInput, this.systemMessages, this.assistantMessages, this.reasoning,
					this.toolArguments, this.toolResults, this.finalResponse);
		}

	}

}
