package ai.northstar.sample.tools;

/**
 * A document found by {@link DocumentSearchTool}.
 *
 * @param title the title
 * @param url the address
 * @param snippet the sentence that matches the query best
 * @param score how well the document matches the query; higher is better
 * @since 0.1.0
 */
public record SearchHit(String title, String url, String snippet, int score) {

}
