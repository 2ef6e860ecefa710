package ai.northstar.sample.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.northstar.ChatMessage;
import ai.northstar.sample.tools.Keywords;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How {@link FakeChatModel} answers when it is asked to judge rather than to research: it grades an answer by the
 * share of its keywords that the evidence (the documents, the tool outputs) contains, a crude but deterministic
 * stand-in for an LLM judge. It recognizes two kinds of request:
 * <ul>
 * <li>Spring AI's {@code RelevancyEvaluator}: a prompt with {@code Response:}, {@code Context:} and {@code Answer:}
 * sections, to answer {@code YES} or {@code NO}; {@code YES} when at least {@value #SUPPORTED_SHARE} of the
 * response's keywords are in the context;</li>
 * <li>a JSON judge such as {@code northstar-test}'s {@code RubricJudge}: a system message asking for one JSON object
 * and a user message that is a JSON object with a {@code final_response}; the verdict is
 * {@code {"score", "reason", "feedback"}} on the scale the system message gives ({@code from 0 to 1} by default), or
 * {@code {"passed", ...}} when it asks for a pass or fail verdict. The answer judged is the {@code answer} field of
 * a final response that is an object, the final response itself otherwise; the evidence is the tool outputs, the
 * context and the ground truth.</li>
 * </ul>
 *
 * @since 0.1.0
 */
final class FakeJudge {

	/** The share of an answer's keywords the evidence must contain for a relevant answer. */
	static final double SUPPORTED_SHARE = 0.6;

	private static final Pattern RELEVANCY_PROMPT = Pattern
		.compile("(?s)Answer YES.*\\bNO\\b.*Response:\\s*(.*?)\\s*Context:\\s*(.*?)\\s*Answer:\\s*$");

	private static final Pattern SCALE = Pattern.compile("from (-?\\d+(?:\\.\\d+)?) to (-?\\d+(?:\\.\\d+)?)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FakeJudge() {
	}

	/**
	 * Returns the verdict when the conversation asks for one.
	 * @param messages the conversation
	 * @return the verdict, or {@code null} when the conversation is no judge request
	 */
	static @Nullable String verdict(List<ChatMessage> messages) {
		String system = contentOf(messages, "system");
		String user = contentOf(messages, "user");
		if (user == null) {
			return null;
		}
		Matcher relevancy = RELEVANCY_PROMPT.matcher(user);
		if (relevancy.find()) {
			return (share(relevancy.group(1), relevancy.group(2)) >= SUPPORTED_SHARE) ? "YES" : "NO";
		}
		if (system != null && system.contains("JSON object")) {
			JsonNode request = parse(user);
			if (request != null && request.isObject() && request.has("final_response")) {
				return jsonVerdict(system, request);
			}
		}
		return null;
	}

	private static String jsonVerdict(String system, JsonNode request) {
		String answer = answer(request.get("final_response"));
		String evidence = request.path("tool_outputs").toString() + " " + request.path("context").toString() + " "
				+ request.path("ground_truth").asString("");
		double share = share(answer, evidence);
		long supported = Math.round(share * Keywords.of(answer).size());
		Map<String, Object> verdict = new LinkedHashMap<>();
		if (system.contains("`passed`")) {
			verdict.put("passed", share >= SUPPORTED_SHARE);
		}
		else {
			Matcher scale = SCALE.matcher(system);
			boolean scaled = scale.find();
			double min = scaled ? Double.parseDouble(scale.group(1)) : 0;
			double max = scaled ? Double.parseDouble(scale.group(2)) : 1;
			verdict.put("score", BigDecimal.valueOf(min + share * (max - min)).setScale(2, RoundingMode.HALF_UP));
		}
		verdict.put("reason", supported + " of " + Keywords.of(answer).size()
				+ " keywords of the answer are in the tool outputs and the context.");
		verdict.put("feedback", (share >= SUPPORTED_SHARE) ? "Well backed by the documents."
				: "Answer from the documents: most of the answer is not in them.");
		return JSON.writeValueAsString(verdict);
	}

	/** Returns the share of the answer's keywords found in the evidence, 0 for an answer without keywords. */
	static double share(String answer, String evidence) {
		Set<String> claimed = Keywords.of(answer);
		if (claimed.isEmpty()) {
			return 0;
		}
		Set<String> known = Keywords.of(evidence);
		return (double) claimed.stream().filter(known::contains).count() / claimed.size();
	}

	private static String answer(JsonNode finalResponse) {
		if (finalResponse.isString()) {
			JsonNode parsed = parse(finalResponse.asString());
			return (parsed != null && parsed.isObject()) ? answer(parsed) : finalResponse.asString();
		}
		if (finalResponse.isObject() && finalResponse.path("answer").isString()) {
			return finalResponse.get("answer").asString();
		}
		return finalResponse.isNull() ? "" : finalResponse.toString();
	}

	private static @Nullable String contentOf(List<ChatMessage> messages, String role) {
		return messages.stream()
			.filter((message) -> message.role().equals(role))
			.map((message) -> String.valueOf(message.content()))
			.findFirst()
			.orElse(null);
	}

	private static @Nullable JsonNode parse(String text) {
		String trimmed = text.strip();
		if (!trimmed.startsWith("{")) {
			return null;
		}
		try {
			return JSON.readTree(trimmed);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
