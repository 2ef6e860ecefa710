package ai.northstar.evals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import ai.northstar.evals.internal.EvalJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The cases of an evaluation, read from JSON, JSONL or records, as the Python SDK's {@code Dataset}: a JSON file
 * holds one case, a list of cases or {@code {"cases": [...]}}; a JSONL file holds one case per line (blank lines
 * skipped). Problems are {@link IllegalArgumentException}s saying where: {@code Invalid JSONL record on line 2: ...},
 * {@code Invalid eval case on line 3: expected.max_tool_calls must be non-negative, was -1}.
 *
 * <pre>{@code
 * Dataset dataset = Dataset.fromPath(Path.of("src/test/resources/evals/support.jsonl"));
 * }</pre>
 *
 * @param cases the cases
 * @since 0.1.0
 */
public record Dataset(List<EvalCase> cases) implements Iterable<EvalCase> {

	public Dataset {
		cases = List.copyOf(cases);
	}

	/**
	 * Returns a dataset of these cases.
	 * @param cases the cases
	 * @return the dataset
	 */
	public static Dataset of(EvalCase... cases) {
		return new Dataset(List.of(cases));
	}

	/**
	 * Reads a {@code .json} or {@code .jsonl} file.
	 * @param path the file
	 * @return the dataset
	 * @throws IllegalArgumentException for another extension or an invalid file
	 */
	public static Dataset fromPath(Path path) {
		String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".jsonl")) {
			return fromJsonl(path);
		}
		if (name.endsWith(".json")) {
			return fromJson(path);
		}
		throw new IllegalArgumentException("Unsupported eval dataset format: " + path + ". Use JSON or JSONL.");
	}

	/**
	 * Reads a JSON file: one case, a list of cases, or an object with {@code cases}.
	 * @param path the file
	 * @return the dataset
	 */
	public static Dataset fromJson(Path path) {
		JsonNode payload;
		try {
			payload = EvalJson.MAPPER.readTree(Files.readString(path, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Invalid JSON dataset: " + ex.getOriginalMessage(), ex);
		}
		return fromJsonNode(payload);
	}

	/**
	 * Reads JSON: one case, a list of cases, or an object with {@code cases}.
	 * @param payload the JSON
	 * @return the dataset
	 */
	public static Dataset fromJsonNode(JsonNode payload) {
		JsonNode records;
		if (payload.isArray()) {
			records = payload;
		}
		else if (payload.isObject() && payload.has("cases")) {
			records = payload.get("cases");
			if (!records.isArray()) {
				throw new IllegalArgumentException("Invalid JSON dataset: cases must be a list.");
			}
		}
		else if (payload.isObject()) {
			records = EvalJson.NODES.arrayNode().add(payload);
		}
		else {
			throw new IllegalArgumentException(
					"Invalid JSON dataset: expected a case, a list of cases, or an object with cases.");
		}
		List<EvalCase> cases = new ArrayList<>();
		for (JsonNode record : records) {
			cases.add(read(record, ""));
		}
		return new Dataset(cases);
	}

	/**
	 * Reads a JSONL file, one case per line.
	 * @param path the file
	 * @return the dataset
	 */
	public static Dataset fromJsonl(Path path) {
		List<EvalCase> cases = new ArrayList<>();
		try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				JsonNode record;
				try {
					record = EvalJson.MAPPER.readTree(line.strip());
				}
				catch (JacksonException ex) {
					throw new IllegalArgumentException(
							"Invalid JSONL record on line " + number + ": " + ex.getOriginalMessage(), ex);
				}
				cases.add(read(record, " on line " + number));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Dataset(cases);
	}

	/**
	 * Reads records: maps, JSON nodes, or anything Jackson converts to case objects.
	 * @param records the records
	 * @return the dataset
	 */
	public static Dataset fromRecords(List<?> records) {
		List<EvalCase> cases = new ArrayList<>();
		for (Object record : records) {
			cases.add(read(EvalJson.toJson(record), ""));
		}
		return new Dataset(cases);
	}

	private static EvalCase read(JsonNode record, String location) {
		try {
			return EvalCase.fromJson(record);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Invalid eval case" + location + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the number of cases.
	 * @return the size
	 */
	public int size() {
		return this.cases.size();
	}

	@Override
	public Iterator<EvalCase> iterator() {
		return this.cases.iterator();
	}

}
