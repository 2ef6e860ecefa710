package ai.northstar.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ai.northstar.CaptureOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of NorthStar, under {@code northstar}. Defaults are the core's ({@code NorthstarFlusher},
 * {@code Northstar}, {@code ContentCapture} {@code DEFAULT_*} constants), written out here so IDEs show them. Every property can also be set as an environment
 * variable through relaxed binding, such as {@code NORTHSTAR_API_KEY} and {@code NORTHSTAR_PROJECT_ID}.
 *
 * <pre>
 * northstar:
 *   api-key: ${NORTHSTAR_API_KEY}
 *   project-id: abcdefghijklmnopqrst
 * </pre>
 * Values are checked once bound: an invalid one (a batch size of 0, a negative duration, a project id that is not
 * lower-case letters and digits) fails startup with a message naming the property, even when tracing is disabled.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("northstar")
public class NorthstarProperties implements InitializingBean {

	/**
	 * Whether NorthStar tracing is enabled. When disabled, the Northstar bean traces nothing and no thread is
	 * started.
	 */
	private boolean enabled = true;

	/**
	 * API key of the NorthStar project ('ns_...'). Without it, tracing is off and a warning is logged.
	 */
	private @Nullable String apiKey;

	/**
	 * NorthStar project id, lower-case letters and digits, from which the ingest URL is derived. Required unless
	 * 'endpoint' is set.
	 */
	private @Nullable String projectId;

	/**
	 * Ingest URL of a self-hosted NorthStar; wins over the URL derived from 'project-id'.
	 */
	private @Nullable String endpoint;

	/**
	 * Project name written to the metadata of the session and of every run.
	 */
	private @Nullable String project;

	/**
	 * Environment name, such as 'production', written to the metadata of the session and of every run.
	 */
	private @Nullable String environment;

	/**
	 * Whether tracing failures are logged as warnings instead of debug messages, and the effective configuration
	 * is logged at startup.
	 */
	private boolean debug;

	/**
	 * Whether annotated methods record their arguments (user_input for traces, tool_arguments for spans) unless the
	 * annotation says otherwise.
	 */
	private boolean captureInputs = true;

	/**
	 * Whether annotated methods record their results (final_response for traces, tool_result for spans) unless the
	 * annotation says otherwise.
	 */
	private boolean captureOutputs = true;

	/**
	 * Keys whose values are redacted in captured content, added to the defaults (api_key, authorization, cookie,
	 * password, secret, token). Compared case-insensitively, ignoring '_', '-' and '.'.
	 */
	private List<String> redactKeys = new ArrayList<>();

	/**
	 * Number of pending records that triggers a send. A batch carries up to 'max-batch-size' records.
	 */
	private int batchSize = 50;

	/**
	 * Most records in one batch, when more are pending than 'batch-size' (a burst, or a backlog after an outage).
	 * At least 'batch-size'; when not set, 1000, or 'batch-size' when that is larger.
	 */
	private @Nullable Integer maxBatchSize;

	/**
	 * Largest JSON body of one batch; a batch that would be larger carries fewer records, down to a single record,
	 * which is sent whatever its size.
	 */
	private DataSize maxBatchBytes = DataSize.ofMegabytes(1);

	/**
	 * Longest time between two sends.
	 */
	private Duration flushInterval = Duration.ofSeconds(5);

	/**
	 * Most records pending at once; records beyond it are dropped and counted.
	 */
	private int maxQueueSize = 1000;

	/**
	 * Time the application may take, when it stops, to send what is still pending.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * Longest time a record waits to be delivered while NorthStar is unreachable, overloaded or refuses the key;
	 * records still not delivered after it are dropped and counted as expired.
	 */
	private Duration maxRetention = Duration.ofMinutes(15);

	/**
	 * Largest captured content (serialized JSON) of one event; larger content is truncated.
	 */
	private DataSize maxContentSize = DataSize.ofKilobytes(64);

	/**
	 * Connect timeout of the HTTP transport. The WebClient transport uses the connector of the application's
	 * WebClient.Builder instead, and bounds the whole request with 'request-timeout'.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Longest time one send attempt may take, response included.
	 */
	private Duration requestTimeout = Duration.ofSeconds(10);

	/**
	 * Whether to turn on Reactor's automatic context propagation, a hook global to the JVM, so the operators of a
	 * traced Mono or Flux run in its trace on any thread. When false, set 'spring.reactor.context-propagation=auto'
	 * to let Spring Boot turn it on instead, or restore the trace where needed with Micrometer's context-propagation.
	 */
	private boolean reactorContextPropagation = true;

	/**
	 * Whether the trace follows tasks into the application's own executor and scheduler beans (a
	 * ThreadPoolTaskExecutor built with 'new', an ExecutorService bean): they get NorthStar's task decorator, or are
	 * wrapped. Boot's auto-configured executors always get it.
	 */
	private boolean executorContextPropagation = true;

	/**
	 * Which typed events are captured.
	 */
	private final Capture capture = new Capture();

	/**
	 * Checks the bound values.
	 * @throws InvalidConfigurationPropertyValueException naming the first invalid property
	 */
	@Override
	public void afterPropertiesSet() {
		NorthstarSettings.validate(this);
	}

	/**
	 * Returns whether tracing is enabled.
	 * @return whether tracing is enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether tracing is enabled.
	 * @param enabled whether tracing is enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the API key.
	 * @return the API key, if set
	 */
	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	/**
	 * Sets the API key.
	 * @param apiKey the API key
	 */
	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	/**
	 * Returns the project id.
	 * @return the project id, if set
	 */
	public @Nullable String getProjectId() {
		return this.projectId;
	}

	/**
	 * Sets the project id.
	 * @param projectId the project id
	 */
	public void setProjectId(@Nullable String projectId) {
		this.projectId = projectId;
	}

	/**
	 * Returns the explicit ingest URL.
	 * @return the URL, if set
	 */
	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Sets the explicit ingest URL.
	 * @param endpoint the URL
	 */
	public void setEndpoint(@Nullable String endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * Returns the project name.
	 * @return the project name, if set
	 */
	public @Nullable String getProject() {
		return this.project;
	}

	/**
	 * Sets the project name.
	 * @param project the project name
	 */
	public void setProject(@Nullable String project) {
		this.project = project;
	}

	/**
	 * Returns the environment name.
	 * @return the environment name, if set
	 */
	public @Nullable String getEnvironment() {
		return this.environment;
	}

	/**
	 * Sets the environment name.
	 * @param environment the environment name
	 */
	public void setEnvironment(@Nullable String environment) {
		this.environment = environment;
	}

	/**
	 * Returns whether debug mode is on.
	 * @return whether debug mode is on
	 */
	public boolean isDebug() {
		return this.debug;
	}

	/**
	 * Sets whether debug mode is on.
	 * @param debug whether debug mode is on
	 */
	public void setDebug(boolean debug) {
		this.debug = debug;
	}

	/**
	 * Returns whether annotated methods record their arguments by default.
	 * @return whether inputs are captured
	 */
	public boolean isCaptureInputs() {
		return this.captureInputs;
	}

	/**
	 * Sets whether annotated methods record their arguments by default.
	 * @param captureInputs whether inputs are captured
	 */
	public void setCaptureInputs(boolean captureInputs) {
		this.captureInputs = captureInputs;
	}

	/**
	 * Returns whether annotated methods record their results by default.
	 * @return whether outputs are captured
	 */
	public boolean isCaptureOutputs() {
		return this.captureOutputs;
	}

	/**
	 * Sets whether annotated methods record their results by default.
	 * @param captureOutputs whether outputs are captured
	 */
	public void setCaptureOutputs(boolean captureOutputs) {
		this.captureOutputs = captureOutputs;
	}

	/**
	 * Returns the keys redacted on top of the defaults.
	 * @return the extra redact keys
	 */
	public List<String> getRedactKeys() {
		return this.redactKeys;
	}

	/**
	 * Sets the keys redacted on top of the defaults.
	 * @param redactKeys the extra redact keys
	 */
	public void setRedactKeys(List<String> redactKeys) {
		this.redactKeys = redactKeys;
	}

	/**
	 * Returns the number of pending records that triggers a send.
	 * @return the batch size
	 */
	public int getBatchSize() {
		return this.batchSize;
	}

	/**
	 * Sets the number of pending records that triggers a send.
	 * @param batchSize the batch size
	 */
	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	/**
	 * Returns the most records in one batch.
	 * @return the maximum batch size, or {@code null} for the core's default
	 */
	public @Nullable Integer getMaxBatchSize() {
		return this.maxBatchSize;
	}

	/**
	 * Sets the most records in one batch.
	 * @param maxBatchSize the maximum batch size, or {@code null} for the core's default
	 */
	public void setMaxBatchSize(@Nullable Integer maxBatchSize) {
		this.maxBatchSize = maxBatchSize;
	}

	/**
	 * Returns the largest JSON body of one batch.
	 * @return the byte budget of a batch
	 */
	public DataSize getMaxBatchBytes() {
		return this.maxBatchBytes;
	}

	/**
	 * Sets the largest JSON body of one batch.
	 * @param maxBatchBytes the byte budget of a batch
	 */
	public void setMaxBatchBytes(DataSize maxBatchBytes) {
		this.maxBatchBytes = maxBatchBytes;
	}

	/**
	 * Returns the flush interval.
	 * @return the flush interval
	 */
	public Duration getFlushInterval() {
		return this.flushInterval;
	}

	/**
	 * Sets the flush interval.
	 * @param flushInterval the flush interval
	 */
	public void setFlushInterval(Duration flushInterval) {
		this.flushInterval = flushInterval;
	}

	/**
	 * Returns the most records pending at once.
	 * @return the queue bound
	 */
	public int getMaxQueueSize() {
		return this.maxQueueSize;
	}

	/**
	 * Sets the most records pending at once.
	 * @param maxQueueSize the queue bound
	 */
	public void setMaxQueueSize(int maxQueueSize) {
		this.maxQueueSize = maxQueueSize;
	}

	/**
	 * Returns the shutdown timeout.
	 * @return the shutdown timeout
	 */
	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	/**
	 * Sets the shutdown timeout.
	 * @param shutdownTimeout the shutdown timeout
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Returns how long a record may wait to be delivered.
	 * @return the retention
	 */
	public Duration getMaxRetention() {
		return this.maxRetention;
	}

	/**
	 * Sets how long a record may wait to be delivered.
	 * @param maxRetention the retention
	 */
	public void setMaxRetention(Duration maxRetention) {
		this.maxRetention = maxRetention;
	}

	/**
	 * Returns the largest captured content of one event.
	 * @return the content cap
	 */
	public DataSize getMaxContentSize() {
		return this.maxContentSize;
	}

	/**
	 * Sets the largest captured content of one event.
	 * @param maxContentSize the content cap
	 */
	public void setMaxContentSize(DataSize maxContentSize) {
		this.maxContentSize = maxContentSize;
	}

	/**
	 * Returns the connect timeout of the HTTP transport.
	 * @return the connect timeout
	 */
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Sets the connect timeout of the HTTP transport.
	 * @param connectTimeout the connect timeout
	 */
	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Returns the timeout of one send attempt.
	 * @return the request timeout
	 */
	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Sets the timeout of one send attempt.
	 * @param requestTimeout the request timeout
	 */
	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	/**
	 * Returns whether Reactor's automatic context propagation is turned on.
	 * @return whether the Reactor hook is installed
	 */
	public boolean isReactorContextPropagation() {
		return this.reactorContextPropagation;
	}

	/**
	 * Sets whether Reactor's automatic context propagation is turned on.
	 * @param reactorContextPropagation whether the Reactor hook is installed
	 */
	public void setReactorContextPropagation(boolean reactorContextPropagation) {
		this.reactorContextPropagation = reactorContextPropagation;
	}

	/**
	 * Returns whether the trace follows tasks into the application's own executor beans.
	 * @return whether the application's executors are decorated
	 */
	public boolean isExecutorContextPropagation() {
		return this.executorContextPropagation;
	}

	/**
	 * Sets whether the trace follows tasks into the application's own executor beans.
	 * @param executorContextPropagation whether the application's executors are decorated
	 */
	public void setExecutorContextPropagation(boolean executorContextPropagation) {
		this.executorContextPropagation = executorContextPropagation;
	}

	/**
	 * Returns which typed events are captured.
	 * @return the capture flags
	 */
	public Capture getCapture() {
		return this.capture;
	}

	/**
	 * Which typed events are captured, under {@code northstar.capture}. All on by default, as in the reference
	 * SDK's {@code init()}.
	 *
	 * @since 0.1.0
	 */
	public static class Capture {

		/**
		 * Whether user_input events are captured.
		 */
		private boolean userInput = true;

		/**
		 * Whether system_message events are captured.
		 */
		private boolean systemMessages = true;

		/**
		 * Whether assistant_message events are captured.
		 */
		private boolean assistantMessages = true;

		/**
		 * Whether reasoning events are captured.
		 */
		private boolean reasoning = true;

		/**
		 * Whether tool_arguments events are captured.
		 */
		private boolean toolArguments = true;

		/**
		 * Whether tool_result events are captured.
		 */
		private boolean toolResults = true;

		/**
		 * Whether final_response events are captured.
		 */
		private boolean finalResponse = true;

		/**
		 * Returns whether user_input events are captured.
		 * @return the flag
		 */
		public boolean isUserInput() {
			return this.userInput;
		}

		/**
		 * Sets whether user_input events are captured.
		 * @param userInput the flag
		 */
		public void setUserInput(boolean userInput) {
			this.userInput = userInput;
		}

		/**
		 * Returns whether system_message events are captured.
		 * @return the flag
		 */
		public boolean isSystemMessages() {
			return this.systemMessages;
		}

		/**
		 * Sets whether system_message events are captured.
		 * @param systemMessages the flag
		 */
		public void setSystemMessages(boolean systemMessages) {
			this.systemMessages = systemMessages;
		}

		/**
		 * Returns whether assistant_message events are captured.
		 * @return the flag
		 */
		public boolean isAssistantMessages() {
			return this.assistantMessages;
		}

		/**
		 * Sets whether assistant_message events are captured.
		 * @param assistantMessages the flag
		 */
		public void setAssistantMessages(boolean assistantMessages) {
			this.assistantMessages = assistantMessages;
		}

		/**
		 * Returns whether reasoning events are captured.
		 * @return the flag
		 */
		public boolean isReasoning() {
			return this.reasoning;
		}

		/**
		 * Sets whether reasoning events are captured.
		 * @param reasoning the flag
		 */
		public void setReasoning(boolean reasoning) {
			this.reasoning = reasoning;
		}

		/**
		 * Returns whether tool_arguments events are captured.
		 * @return the flag
		 */
		public boolean isToolArguments() {
			return this.toolArguments;
		}

		/**
		 * Sets whether tool_arguments events are captured.
		 * @param toolArguments the flag
		 */
		public void setToolArguments(boolean toolArguments) {
			this.toolArguments = toolArguments;
		}

		/**
		 * Returns whether tool_result events are captured.
		 * @return the flag
		 */
		public boolean isToolResults() {
			return this.toolResults;
		}

		/**
		 * Sets whether tool_result events are captured.
		 * @param toolResults the flag
		 */
		public void setToolResults(boolean toolResults) {
			this.toolResults = toolResults;
		}

		/**
		 * Returns whether final_response events are captured.
		 * @return the flag
		 */
		public boolean isFinalResponse() {
			return this.finalResponse;
		}

		/**
		 * Sets whether final_response events are captured.
		 * @param finalResponse the flag
		 */
		public void setFinalResponse(boolean finalResponse) {
			this.finalResponse = finalResponse;
		}

		/**
		 * Returns these flags as the core's capture options.
		 * @return the capture options
		 */
		public CaptureOptions toCaptureOptions() {
			return new CaptureOptions(this.userInput, this.systemMessages, this.assistantMessages, this.reasoning,
					this.toolArguments, this.toolResults, this.finalResponse);
		}

	}

}
