package ai.northstar.sample.agent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import ai.northstar.ChatMessage;
import ai.northstar.ChatMessage.ToolCall;
import ai.northstar.ModelCall;
import ai.northstar.Northstar;
import ai.northstar.Run;
import ai.northstar.ScoreOptions;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.TraceContext;
import ai.northstar.annotation.NorthstarTrace;
import ai.northstar.sample.SampleProperties;
import ai.northstar.sample.model.ChatCompletion;
import ai.northstar.sample.model.FakeChatModel;
import ai.northstar.sample.tools.CalculatorTool;
import ai.northstar.sample.tools.DocumentSearchTool;
import ai.northstar.sample.tools.Keywords;
import ai.northstar.sample.tools.Page;
import ai.northstar.sample.tools.PageFetcherTool;
import ai.northstar.sample.tools.SearchHit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * A small research agent: it plans with a chat model in two iterations, runs the tools the model asks for, then
 * answers from what it found.
 * <p>
 * How it is traced with NorthStar:
 * <ul>
 * <li>{@link #ask(String)} is a {@link NorthstarTrace @NorthstarTrace}: each question is a run, the question its
 * {@code user_input} event and the {@link Answer} its {@code final_response};</li>
 * <li>each planning iteration is an {@code AGENT} span with its iteration number;</li>
 * <li>each chat model call is a {@code MODEL} span through {@link Northstar#modelCall(String, String)}, with the
 * messages as events and the token usage and cost of {@code gpt-4o};</li>
 * <li>the tools are {@code TOOL} spans through their {@code @NorthstarSpan} annotations;</li>
 * <li>every run gets a numeric {@code relevance} score and a boolean {@code answered} score (whether a document
 * or a calculation backs the answer).</li>
 * </ul>
 * When tracing is off, all of this costs nothing and the agent answers the same.
 *
 * @since 0.1.0
 */
@Service
public class ResearchAgent {

	/** The model the fake chat model stands in for; NorthStar prices its tokens. */
	public static final String MODEL = "gpt-4o";

	/** The planning iterations before the agent must answer. */
	public static final int PLANNING_ITERATIONS = 2;

	static final String SYSTEM_PROMPT = "You are a research assistant. Answer from the documentation only, "
			+ "cite what you read, and use the calculator for arithmetic.";

	private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(ResearchAgent.class);

	private final Northstar northstar;

	private final FakeChatModel model;

	private final DocumentSearchTool search;

	private final CalculatorTool calculator;

	private final PageFetcherTool fetcher;

	private final String fetcherApiKey;

	/**
	 * Creates the agent.
	 * @param northstar the NorthStar client, for model calls, metrics and scores
	 * @param model the chat model
	 * @param search the document search tool
	 * @param calculator the calculator tool
	 * @param fetcher the page fetcher tool
	 * @param properties the sample's settings, for the fetcher's key
	 */
	public ResearchAgent(Northstar northstar, FakeChatModel model, DocumentSearchTool search, CalculatorTool calculator,
			PageFetcherTool fetcher, SampleProperties properties) {
		this.northstar = northstar;
		this.model = model;
		this.search = search;
		this.calculator = calculator;
		this.fetcher = fetcher;
		this.fetcherApiKey = properties.fetcher().apiKey();
	}

	/**
	 * Researches a question. Blocks while the tools run, so call it from a thread that may block.
	 * @param question the question
	 * @return the answer
	 * @throws NoAnswerException when neither the documents nor the calculator had anything to answer with
	 */
	@NorthstarTrace(name = "research-agent", tags = { "sample", "research" })
	public Answer ask(String question) {
		logger.info("Researching: {}", question);
		List<ChatMessage> messages = new ArrayList<>(
				List.of(ChatMessage.system(SYSTEM_PROMPT), ChatMessage.user(question)));
		Findings findings = new Findings();
		String answer = null;
		for (int iteration = 1; iteration <= PLANNING_ITERATIONS && answer == null; iteration++) {
			answer = iteration(iteration, () -> plan(messages, findings));
		}
		if (answer == null) {
			answer = String.valueOf(chat(messages).message().content());
		}
		boolean answered = !findings.sources.isEmpty() || findings.calculated;
		UUID traceId = this.northstar.currentTraceId().orElse(null);
		score(traceId, relevance(question, findings, answered), answered);
		if (answer.equals(FakeChatModel.NO_ANSWER)) {
			throw new NoAnswerException(question, traceId);
		}
		this.northstar.logEvent("sources", Map.of("urls", List.copyOf(findings.sources)));
		return new Answer(question, answer, List.copyOf(findings.sources), traceId);
	}

	/**
	 * Runs one planning iteration: asks the model, then runs the tools it asks for.
	 * @return the model's answer when it asked for no tool, else {@code null}
	 */
	private @Nullable String plan(List<ChatMessage> messages, Findings findings) {
		ChatMessage reply = chat(messages).message();
		messages.add(reply);
		if (reply.toolCalls().isEmpty()) {
			return String.valueOf(reply.content());
		}
		List<ToolCall> fetches = new ArrayList<>();
		for (ToolCall call : reply.toolCalls()) {
			switch (call.name()) {
				case "search_docs" -> messages.add(searchDocs(call, findings));
				case "calculator" -> messages.add(calculate(call, findings));
				case "fetch_page" -> fetches.add(call);
				default -> messages.add(ChatMessage.tool(call.id(), call.name(), "error: unknown tool " + call.name()));
			}
		}
		if (!fetches.isEmpty()) {
			messages.addAll(fetchPages(fetches));
		}
		return null;
	}

	private ChatCompletion chat(List<ChatMessage> messages) {
		try (ModelCall call = this.northstar.modelCall("chat", MODEL)) {
			call.recordInputMessages(messages);
			ChatCompletion completion = this.model.complete(List.copyOf(messages));
			call.recordOutputMessage(completion.message());
			call.recordUsage(completion.promptTokens(), completion.completionTokens());
			return completion;
		}
	}

	private ChatMessage searchDocs(ToolCall call, Findings findings) {
		List<SearchHit> hits = this.search.search(argument(call, "query"), Integer.parseInt(argument(call, "limit")));
		this.northstar.logMetric("documents_found", hits.size());
		StringBuilder content = new StringBuilder();
		for (SearchHit hit : hits) {
			findings.sources.add(hit.url());
			findings.text.append(hit.title()).append(' ').append(hit.snippet()).append(' ');
			content.append(content.isEmpty() ? "" : "\n")
				.append(findings.sources.size())
				.append(". ")
				.append(hit.title())
				.append(" (url: ")
				.append(hit.url())
				.append(")\n   ")
				.append(hit.snippet());
		}
		return ChatMessage.tool(call.id(), call.name(), hits.isEmpty() ? "No documents found." : content.toString());
	}

	private ChatMessage calculate(ToolCall call, Findings findings) {
		String expression = argument(call, "expression");
		try {
			BigDecimal value = this.calculator.evaluate(expression);
			findings.calculated = true;
			return ChatMessage.tool(call.id(), call.name(), expression + " = " + value.toPlainString());
		}
		catch (ArithmeticException | IllegalArgumentException ex) {
			// The span is already marked as failed; the model hears about it and goes on
			return ChatMessage.tool(call.id(), call.name(), "error: " + ex.getMessage());
		}
	}

	/**
	 * Fetches the pages concurrently; each {@code fetch_page} span ends when its {@code Mono} does.
	 */
	private List<ChatMessage> fetchPages(List<ToolCall> calls) {
		return Flux.fromIterable(calls)
			.flatMapSequential((call) -> this.fetcher.fetch(argument(call, "url"), this.fetcherApiKey)
				.map((Page page) -> ChatMessage.tool(call.id(), call.name(), page.title() + "\n" + page.text()))
				.onErrorResume((ex) -> Mono.just(ChatMessage.tool(call.id(), call.name(), "error: " + ex.getMessage()))))
			.collectList()
			.block(FETCH_TIMEOUT);
	}

	/**
	 * Runs the body in an {@code AGENT} span with an iteration number, current while the body runs. The high-level
	 * {@link Northstar#span} has no iteration, so this one is opened on the current run.
	 */
	private <T extends @Nullable Object> T iteration(int number, Supplier<T> body) {
		Optional<Run> run = TraceContext.current().run();
		if (run.isEmpty()) {
			return body.get();
		}
		Span span = run.get().span("plan", SpanKind.AGENT, number, Map.of());
		try (TraceContext.Scope scope = TraceContext.of(span).makeCurrent()) {
			return body.get();
		}
		catch (RuntimeException ex) {
			span.recordError(ex);
			throw ex;
		}
		finally {
			span.close();
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
		Set<String> found = Keywords.of(findings.text.toString());
		long matched = keywords.stream().filter(found::contains).count();
		return BigDecimal.valueOf(matched)
			.divide(BigDecimal.valueOf(keywords.size()), 2, RoundingMode.HALF_UP)
			.doubleValue();
	}

	private static String argument(ToolCall call, String name) {
		if (call.arguments() instanceof Map<?, ?> arguments && arguments.get(name) != null) {
			return String.valueOf(arguments.get(name));
		}
		throw new IllegalArgumentException("Tool call " + call.id() + " has no '" + name + "' argument");
	}

	/**
	 * What the tools found during one question.
	 */
	static final class Findings {

		final Set<String> sources = new LinkedHashSet<>();

		final StringBuilder text = new StringBuilder();

		boolean calculated;

	}

}
