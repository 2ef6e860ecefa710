package ai.northstar.sample.tools;

import java.util.Comparator;
import java.util.List;
import java.util.Set;


import org.springframework.stereotype.Component;

/**
 * Keyword search over the bundled {@link Corpus}; the model calls it as the {@code search_docs} tool of
 * {@link ResearchTools}, whose Spring AI tool execution is the {@code TOOL} span.
 *
 * @since 0.1.0
 */
@Component
public class DocumentSearchTool {

	private static final int TITLE_WEIGHT = 3;

	private final Corpus corpus;

	/**
	 * Creates the tool.
	 * @param corpus the documents to search
	 */
	public DocumentSearchTool(Corpus corpus) {
		this.corpus = corpus;
	}

	/**
	 * Finds the documents that mention the query's keywords, best first (ties by title).
	 * @param query the query
	 * @param limit the most hits to return
	 * @return the hits, empty when no document mentions any keyword
	 */
	public List<SearchHit> search(String query, int limit) {
		if (limit <= 0) {
			throw new IllegalArgumentException("limit must be > 0, was " + limit);
		}
		Set<String> keywords = Keywords.of(query);
		return this.corpus.documents()
			.stream()
			.map((document) -> hit(document, keywords))
			.filter((hit) -> hit.score() > 0)
			.sorted(Comparator.comparingInt(SearchHit::score).reversed().thenComparing(SearchHit::title))
			.limit(limit)
			.toList();
	}

	private static SearchHit hit(Document document, Set<String> keywords) {
		int score = TITLE_WEIGHT * count(Keywords.terms(document.title()), keywords)
				+ count(Keywords.terms(document.text()), keywords);
		return new SearchHit(document.title(), document.url(), bestSentence(document.text(), keywords), score);
	}

	private static int count(List<String> terms, Set<String> keywords) {
		return (int) terms.stream().filter(keywords::contains).count();
	}

	/**
	 * Returns the sentence of a text that mentions the most keywords (the first one on a tie).
	 * @param text the text
	 * @param keywords the keywords
	 * @return the sentence, with its final period
	 */
	public static String bestSentence(String text, Set<String> keywords) {
		String best = "";
		int bestCount = -1;
		for (String sentence : text.split("(?<=\\.)\\s+")) {
			int count = count(Keywords.terms(sentence), keywords);
			if (count > bestCount) {
				best = sentence.strip();
				bestCount = count;
			}
		}
		return best;
	}

}
