package ai.northstar.sample.tools;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import ai.northstar.sample.SampleProperties;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/**
 * The agent's tools, as Spring AI {@code @Tool} methods: {@code search_docs}, {@code calculator} and
 * {@code fetch_page}. There is no tracing code here: NorthStar records each execution from Spring AI's tool
 * observations as a {@code TOOL} span with its arguments and result, and a tool that throws (a division by zero, a
 * paywalled page) as a failed one. What the tools find is collected in the {@link Findings} passed in the tool
 * context.
 *
 * @since 0.1.0
 */
@Component
public class ResearchTools {

	/** The key of the {@link Findings} in the tool context. */
	public static final String FINDINGS = "findings";

	private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

	private final DocumentSearchTool search;

	private final CalculatorTool calculator;

	private final PageFetcherTool fetcher;

	private final String fetcherApiKey;

	/**
	 * Creates the tools.
	 * @param search the document search
	 * @param calculator the calculator
	 * @param fetcher the page fetcher
	 * @param properties the sample's settings, for the fetcher's key
	 */
	public ResearchTools(DocumentSearchTool search, CalculatorTool calculator, PageFetcherTool fetcher,
			SampleProperties properties) {
		this.search = search;
		this.calculator = calculator;
		this.fetcher = fetcher;
		this.fetcherApiKey = properties.fetcher().apiKey();
	}

	/**
	 * Searches the documentation.
	 * @param query the query
	 * @param limit the most hits
	 * @param context the tool context, with the findings
	 * @return the hits, numbered, with their addresses
	 */
	@Tool(name = "search_docs", description = "Searches the documentation; returns the best pages with their url")
	public String searchDocs(@ToolParam(description = "what to search for") String query,
			@ToolParam(description = "the most pages to return") int limit, ToolContext context) {
		List<SearchHit> hits = this.search.search(query, limit);
		Findings findings = Findings.of(context);
		StringBuilder content = new StringBuilder();
		for (SearchHit hit : hits) {
			findings.addSource(hit.url(), hit.title() + " " + hit.snippet());
			content.append(content.isEmpty() ? "" : "\n")
				.append(findings.sourceCount())
				.append(". ")
				.append(hit.title())
				.append(" (url: ")
				.append(hit.url())
				.append(")\n   ")
				.append(hit.snippet());
		}
		return hits.isEmpty() ? "No documents found." : content.toString();
	}

	/**
	 * Computes an arithmetic expression.
	 * @param expression the expression
	 * @param context the tool context, with the findings
	 * @return {@code expression = value}
	 */
	@Tool(name = "calculator", description = "Evaluates arithmetic: + - * / and parentheses")
	public String calculator(@ToolParam(description = "the expression") String expression, ToolContext context) {
		BigDecimal value = this.calculator.evaluate(expression);
		Findings.of(context).calculated();
		return expression + " = " + value.toPlainString();
	}

	/**
	 * Reads a page.
	 * @param url the page's address
	 * @return its title, a line break, and its text
	 */
	@Tool(name = "fetch_page", description = "Reads a documentation page; returns its title and text")
	public String fetchPage(@ToolParam(description = "the page's url") String url) {
		Page page = this.fetcher.fetch(url, this.fetcherApiKey).block(FETCH_TIMEOUT);
		return page.title() + "\n" + page.text();
	}

}
