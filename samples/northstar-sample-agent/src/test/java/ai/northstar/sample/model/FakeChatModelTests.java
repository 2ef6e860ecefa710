package ai.northstar.sample.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.northstar.ChatMessage;
import ai.northstar.ChatMessage.ToolCall;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FakeChatModel}.
 */
class FakeChatModelTests {

	private final FakeChatModel model = new FakeChatModel();

	@Test
	void shouldAskForSearchAndCalculatorWhenTheQuestionHasArithmetic() {
		List<ChatMessage> messages = List.of(ChatMessage.system("Be brief."),
				ChatMessage.user("What is (1250 * 0.8) + 42 and how are runs scored?"));
		ChatCompletion completion = this.model.complete(messages);
		assertThat(completion.message().toolCalls()).extracting(ToolCall::name)
			.containsExactly("search_docs", "calculator");
		assertThat(completion.message().toolCalls().get(1).arguments())
			.isEqualTo(Map.of("expression", "(1250 * 0.8) + 42"));
		assertThat(completion.promptTokens()).isPositive();
		assertThat(completion.completionTokens()).isPositive();
		assertThat(this.model.complete(messages)).isEqualTo(completion);
	}

	@Test
	void shouldFetchTheTopHitsThenAnswerFromThePagesWhenTheSearchFoundDocuments() {
		List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.user("How are runs scored?")));
		messages.add(this.model.complete(messages).message());
		messages.add(ChatMessage.tool("call_1_1", "search_docs",
				"1. Scoring runs (url: https://docs.example/scores)\n   Scores attach to runs.\n"
						+ "2. Report (url: https://paywalled.example/report)\n   Runs are scored weekly.\n"
						+ "3. Other (url: https://docs.example/other)\n   Nothing."));
		ChatMessage fetch = this.model.complete(messages).message();
		assertThat(fetch.toolCalls()).extracting((call) -> (Object) ((Map<?, ?>) call.arguments()).get("url"))
			.containsExactly("https://docs.example/scores", "https://paywalled.example/report");
		messages.add(fetch);
		messages.add(ChatMessage.tool("call_2_1", "fetch_page", "Scoring runs\nA run gets scores. Scores attach to runs."));
		messages.add(ChatMessage.tool("call_2_2", "fetch_page", "error: 402 Payment Required"));
		ChatMessage answer = this.model.complete(messages).message();
		assertThat(answer.toolCalls()).isEmpty();
		assertThat(answer.content()).isEqualTo("According to \"Scoring runs\": A run gets scores. "
				+ "The page \"Report\" could not be read, but its summary says: Runs are scored weekly.");
	}

	@Test
	void shouldSayItFoundNothingWhenTheSearchFoundNoDocument() {
		List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.user("What is the capital of Mars?")));
		messages.add(this.model.complete(messages).message());
		messages.add(ChatMessage.tool("call_1_1", "search_docs", "No documents found."));
		assertThat(this.model.complete(messages).message().content()).isEqualTo(FakeChatModel.NO_ANSWER);
	}

	@Test
	void shouldJudgeAnAnswerRelevantOnlyWhenTheContextBacksMostOfItsKeywordsWhenAskedAsAnEvaluator() {
		String prompt = """
				Your task is to evaluate if the response for the query
				is in line with the context information provided.

				You have two options to answer. Either YES or NO.

				Answer YES, if the response for the query
				is in line with context information otherwise NO.

				Query:
				How are runs scored?

				Response:
				%s

				Context:
				Scoring runs: a run gets numeric, boolean or categorical scores from the API.

				Answer:
				""";
		assertThat(this.model.complete(List.of(ChatMessage.user(prompt.formatted("A run gets scores from the API."))))
			.message()
			.content()).isEqualTo("YES");
		assertThat(this.model.complete(List.of(ChatMessage.user(prompt.formatted("Mars has two moons, Phobos and Deimos."))))
			.message()
			.content()).isEqualTo("NO");
	}

}
