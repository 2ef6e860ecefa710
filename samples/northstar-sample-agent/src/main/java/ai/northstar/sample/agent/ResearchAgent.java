package ai.northstar.sample.agent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ai.northstar.Northstar;
import ai.northstar.NorthstarException;
import ai.northstar.ScoreOptions;
import ai.northstar.TraceContext;
import ai.northstar.annotation.NorthstarTrace;
import ai.northstar.prompt.CompiledPrompt;
import ai.northstar.prompt.Prompts;
import ai.northstar.sample.model.FakeChatModel;
import ai.northstar.sample.tools.Findings;
import ai.northstar.sample.tools.Keywords;
import ai.northstar.sample.tools.ResearchTools;
import ai.northstar.spring.ai.NorthstarAdvisorParams;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.stereotype.Service;

/**
 * A small research agent on Spring AI: a {@link ChatClient} with the {@code @Tool}s of {@link ResearchTools}, whose
 * tool-calling loop searches the documentation, computes, reads pages, then answers.
 * <p>
 * How it is traced with NorthStar, with no tracing code around the model:
 * <ul>
 * <li>{@link #ask(String)} is a {@link NorthstarTrace @NorthstarTrace}: each question is a run, the question its
 * {@code user_input} event and the {@link Answer} its {@code final_response};</li>
 * <li>the {@code ChatClient} call is an {@code AGENT} span {@code chat_client}, each round of its tool-calling loop a
 * {@code MODEL} span {@code chat gpt-4o} with the messages, the token usage and the cost, each tool execution a
 * {@code TOOL} span: all recorded by the starter from Spring AI's observations;</li>
 * <li>every run gets a numeric {@code relevance} score and a boolean {@code answered} score (whether a document or a
 * calculation backs the answer) through the injected {@link Northstar};</li>
 * <li>the system prompt is the NorthStar prompt {@value #SYSTEM_PROMPT_NAME} (label {@code prod}), pulled through
 * the injected {@link Prompts} and bound to the call, so each model span links the prompt version it used;</li>
 * <li>an answer backed by documents is then judged by an LLM judge on another thread ({@link RelevancyEvaluation}):
 * the run gets a boolean {@code relevancy} score and an {@code evaluation relevancy} span with the judge's call,
 * whose cost is the run's {@code evaluation_cost_usd}.</li>
 * </ul>
 * {@link #stream(String)} streams the answer (the same loop, streamed); NorthStar records the same tree with each
 * round's time to first token. When tracing is off, the agent answers the same.
 *
 * @since 0.1.0
 */
@Service
public class ResearchAgent {

	/** The model the fake chat model stands in for; NorthStar prices its tokens. */
	public static final String MODEL = FakeChatModel.MODEL;

	static final String SYSTEM_PROMPT = "You are a research assistant. Answer from the documentation only, "
			+ "cite what you read, and use the calculator for arithmetic.";

	/** The NorthStar prompt the system message is compiled from. */
	public static final String SYSTEM_PROMPT_NAME = "research-system";

	private static final Logger logger = LoggerFactory.getLogger(ResearchAgent.class);

	private final Northstar northstar;

	private final ChatClient chatClient;

	private final RelevancyEvaluation relevancy;

	private final Prompts prompts;

	/**
	 * Creates the agent.
	 * @param northstar the NorthStar client, for scores and events
	 * @param chatClient the chat client, with the research tools
	 * @param relevancy the evaluation of the answers
	 * @param prompts the NorthStar prompts, for the system prompt
	 */
	public ResearchAgent(Northstar northstar, ChatClient chatClient, RelevancyEvaluation relevancy, Prompts prompts) {
		this.northstar = northstar;
		this.chatClient = chatClient;
		this.relevancy = relevancy;
		this.prompts = prompts;
	}

	/**
	 * Researches a question. Blocks while the model and the tools run, so call it from a thread that may block.
	 * @param question the question
	 * @return the answer
	 * @throws NoAnswerException when neither the documents nor the calculator had anything to answer with
	 */
	@NorthstarTrace(name = "research-agent", tags = { "sample", "research" })
	public Answer ask(String question) {
		logger.info("Researching: {}", question);
		Findings findings = new Findings();
		String answer = request(question)
			.toolContext(Map.of(ResearchTools.FINDINGS, findings))
			.call()
			.content();
		boolean answered = !findings.sources().isEmpty() || findings.isCalculated();
		UUID traceId = this.northstar.currentTraceId().orElse(null);
		score(traceId, relevance(question, findings, answered), answered);
		if (answer == null || answer.equals(FakeChatModel.NO_ANSWER)) {
			throw new NoAnswerException(question, traceId);
		}
		this.northstar.logEvent("sources", Map.of("urls", findings.sources()));
		if (!findings.sources().isEmpty()) {
			TraceContext.current()
				.run()
				.ifPresent((run) -> this.relevancy.evaluateLater(run, question, findings.text(), answer));
		}
		return new Answer(question, answer, findings.sources(), traceId);
	}

	/**
	 * Researches a question and streams the answer as it is written. The run ends when the stream does, and the
	 * stream's text is its {@code final_response}.
	 * @param question the question
	 * @return the answer's chunks, each with the id of the run
	 */
	@NorthstarTrace(name = "research-agent-stream", tags = { "sample", "stream" })
	public Flux<AnswerChunk> stream(String question) {
		UUID traceId = this.northstar.currentTraceId().orElse(null);
		return request(question)
			.toolContext(Map.of(ResearchTools.FINDINGS, new Findings()))
			.stream()
			.content()
			.map((text) -> new AnswerChunk(text, traceId));
	}

	/**
	 * Starts the request: the question, and the system prompt pulled from NorthStar (cached by {@link Prompts}) bound
	 * to the call; the built-in system prompt when NorthStar does not know {@value #SYSTEM_PROMPT_NAME}.
	 */
	private ChatClient.ChatClientRequestSpec request(String question) {
		ChatClient.ChatClientRequestSpec request = this.chatClient.prompt().user(question);
		try {
			CompiledPrompt system = this.prompts.get(SYSTEM_PROMPT_NAME).compile(Map.of("product", "NorthStar"));
			return request.system(system.text()).advisors(NorthstarAdvisorParams.bindPrompt(system));
		}
		catch (NorthstarException ex) {
			logger.debug("Using the built-in system prompt: {}", ex.getMessage());
			return request;
		}
	}

	private void score(@Nullable UUID traceId, double relevance, boolean answered) {
		if (traceId == null) {
			return;
		}
		this.northstar.score(traceId, "relevance", relevance, ScoreOptions.builder()
			.comment("Share of the question's keywords found in the retrieved documents")
			.build());
		this.northstar.score(traceId, "answered", answered);
	}

	/**
	 * Returns the share of the question's keywords that the retrieved documents mention, rounded to two decimals; a
	 * question without keywords (pure arithmetic) is fully relevant when it was answered.
	 */
	static double relevance(String question, Findings findings, boolean answered) {
		Set<String> keywords = Keywords.of(question);
		if (keywords.isEmpty()) {
			return answered ? 1.0 : 0.0;
		}
		Set<String> found = Keywords.of(findings.text());
		long matched = keywords.stream().filter(found::contains).count();
		return BigDecimal.valueOf(matched)
			.divide(BigDecimal.valueOf(keywords.size()), 2, RoundingMode.HALF_UP)
			.doubleValue();
	}

}
