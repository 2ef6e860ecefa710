package ai.northstar.sample.tools;

/**
 * A document of the bundled corpus.
 *
 * @param title the title
 * @param url the (fictitious) address the page fetcher knows it by
 * @param text the text
 * @since 0.1.0
 */
public record Document(String title, String url, String text) {

}
