package ai.northstar.sample.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The documents the agent researches, read once from {@code classpath:corpus/*.md}. Each file starts with
 * {@code title:} and {@code url:} lines and a {@code ---} line before the text.
 *
 * @since 0.1.0
 */
@Component
public class Corpus {

	private static final String LOCATION = "classpath:corpus/*.md";

	private final List<Document> documents;

	/**
	 * Reads the bundled corpus.
	 */
	public Corpus() {
		this(load());
	}

	Corpus(List<Document> documents) {
		this.documents = List.copyOf(documents);
	}

	/**
	 * Returns every document, in file name order.
	 * @return the documents
	 */
	public List<Document> documents() {
		return this.documents;
	}

	/**
	 * Finds a document by its address.
	 * @param url the address
	 * @return the document, if the corpus has one with that address
	 */
	public Optional<Document> find(String url) {
		return this.documents.stream().filter((document) -> document.url().equals(url)).findFirst();
	}

	private static List<Document> load() {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
			Arrays.sort(resources, Comparator.comparing(Resource::getFilename, Comparator.nullsLast(String::compareTo)));
			List<Document> documents = new ArrayList<>();
			for (Resource resource : resources) {
				documents.add(parse(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8)));
			}
			return documents;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the corpus at " + LOCATION, ex);
		}
	}

	static Document parse(String name, String content) {
		String title = null;
		String url = null;
		String[] lines = content.split("\\R");
		int line = 0;
		for (; line < lines.length && !lines[line].equals("---"); line++) {
			if (lines[line].startsWith("title:")) {
				title = lines[line].substring("title:".length()).strip();
			}
			else if (lines[line].startsWith("url:")) {
				url = lines[line].substring("url:".length()).strip();
			}
		}
		if (title == null || url == null || line == lines.length) {
			throw new IllegalStateException("Corpus file " + name + " needs title:, url: and --- lines");
		}
		String text = String.join(" ", Arrays.copyOfRange(lines, line + 1, lines.length)).strip();
		return new Document(title, url, text);
	}

}
