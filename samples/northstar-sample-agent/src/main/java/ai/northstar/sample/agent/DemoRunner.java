package ai.northstar.sample.agent;

import java.time.Duration;

import ai.northstar.FlushResult;
import ai.northstar.Northstar;
import ai.northstar.sample.SampleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo mode ({@code sample.demo=true}): asks the {@code sample.demo-questions} once the application has started,
 * then sends the traces right away so they show without waiting for the next background flush.
 *
 * @since 0.1.0
 */
@Component
@ConditionalOnBooleanProperty("sample.demo")
public class DemoRunner implements ApplicationRunner {

	private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(DemoRunner.class);

	private final ResearchAgent agent;

	private final Northstar northstar;

	private final SampleProperties properties;

	private final Environment environment;

	/**
	 * Creates the runner.
	 * @param agent the agent
	 * @param northstar the NorthStar client, to flush at the end
	 * @param properties the sample's settings, for the questions
	 * @param environment the environment, for the server port
	 */
	public DemoRunner(ResearchAgent agent, Northstar northstar, SampleProperties properties, Environment environment) {
		this.agent = agent;
		this.northstar = northstar;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		int answered = 0;
		for (String question : this.properties.demoQuestions()) {
			try {
				Answer answer = this.agent.ask(question);
				answered++;
				logger.info("Demo: {} -> {}", question, answer.answer());
			}
			catch (NoAnswerException ex) {
				logger.info("Demo: {} -> no answer (the run is recorded with status error)", question);
			}
		}
		FlushResult flushed = this.northstar.flush(FLUSH_TIMEOUT);
		String traces = flushed.completed() ? "traces sent"
				: (flushed.lastError() != null) ? "traces not sent yet: " + flushed.lastError()
						: "the last " + flushed.remaining() + " records follow within northstar.flush-interval";
		logger.info("Demo: asked {} questions, got {} answers; {}", this.properties.demoQuestions().size(), answered,
				traces);
		logger.info("Demo: ask your own with: curl -s -H 'Content-Type: application/json' "
				+ "-d '{\"question\": \"How do I score a run?\"}' http://localhost:{}/agent/ask",
				this.environment.getProperty("local.server.port", "8080"));
	}

}
