package ai.northstar.langchain4j;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the LangChain4j integration with LangChain4j's real OpenAI module ({@code langchain4j-open-ai}), whose
 * models send their HTTP requests to a loopback server speaking OpenAI's chat-completions API
 * ({@link OpenAiLoopbackServer}), in JSON and as server-sent events, so the provider's own request, response,
 * streaming and tool-calling code runs end to end.
 */
@Timeout(60)
class OpenAiModuleTests {

	private final LoopbackNorthstar northstar = new LoopbackNorthstar();

	private final OpenAiLoopbackServer openAi = new OpenAiLoopbackServer();

	OpenAiModuleTests() throws Exception {
	}

	@AfterEach
	void close() {
		this.openAi.close();
		this.northstar.close();
	}

	interface WeatherAgent {

		String ask(String question);

	}

	interface StreamingWeatherAgent {

		TokenStream ask(String question);

	}

	public static class WeatherTool {

		@Tool(name = "weather", value = "The weather of a city")
		public String weather(String city) {
			return "sunny in " + city;
		}

	}

	@Test
	void shouldRecordTheProvidersRoundsTokensAndCostWhenABlockingAgentUsesATool() {
		OpenAiChatModel model = OpenAiChatModel.builder()
			.baseUrl(this.openAi.baseUrl())
			.apiKey("sk-test-not-a-key")
			.modelName("gpt-4o-mini")
			.temperature(0.7)
			.listeners(List.of(NorthstarChatModelListener.create(this.northstar.client())))
			.build();
		WeatherAgent agent = NorthstarAiServices
			.instrument(AiServices.builder(WeatherAgent.class).chatModel(model).tools(new WeatherTool()),
					this.northstar.client())
			.build();

		String answer = agent.ask("Quel temps fait-il à Zürich?");

		assertThat(answer).isEqualTo("Il fait beau à Zürich ☀️");
		this.northstar.flush();
		StoredRun run = this.northstar.run("WeatherAgent.ask");
		List<StoredSpan> spans = this.northstar.spans(run);
		assertThat(spans).extracting(StoredSpan::name)
			.containsExactly("WeatherAgent.ask", "chat gpt-4o-mini", "weather", "chat gpt-4o-mini");
		StoredSpan first = spans.get(1);
		assertThat(first.attributes().get("provider").asString()).isEqualTo("openai");
		assertThat(first.attributes().get("model").asString()).isEqualTo(OpenAiLoopbackServer.RESPONSE_MODEL);
		assertThat(first.attributes().get("input_tokens").asLong()).isEqualTo(50);
		assertThat(first.attributes().get("output_tokens").asLong()).isEqualTo(12);
		assertThat(first.attributes().get("cache_read_tokens").asLong()).isEqualTo(32);
		assertThat(first.attributes().get("cost_usd").asDouble()).isPositive();
		assertThat(first.attributes().get("pricing_source").asString()).isEqualTo("pricing_table");
		assertThat(first.attributes().get("finish_reason").asString()).isEqualTo("TOOL_EXECUTION");
		assertThat(first.attributes().get("temperature").asDouble()).isEqualTo(0.7);
		assertThat(spans.get(3).attributes().get("finish_reason").asString()).isEqualTo("STOP");
		StoredSpan tool = spans.get(2);
		assertThat(tool.attributes().get("tool_call_id").asString()).isEqualTo("call_7f");
		assertThat(this.northstar.event(run, tool, "tool_arguments").content().get("city").asString())
			.isEqualTo("Zürich");
		assertThat(this.northstar.event(run, tool, "tool_result").content().asString()).isEqualTo("sunny in Zürich");
		assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(140);
		assertThat(this.northstar.runEvent(run, "final_response").content().asString()).isEqualTo(answer);
		assertThat(this.openAi.requests).hasSize(2)
			.allSatisfy((request) -> assertThat(request.path("stream").asBoolean(false)).isFalse());
	}

	@Test
	void shouldRecordTheTimingsAndCachedTokensOfTheProvidersStreamWhenAStreamingAgentUsesATool() throws Exception {
		OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder()
			.baseUrl(this.openAi.baseUrl())
			.apiKey("sk-test-not-a-key")
			.modelName("gpt-4o-mini")
			.build();
		StreamingWeatherAgent agent = NorthstarAiServices
			.instrument(AiServices.builder(StreamingWeatherAgent.class)
				.streamingChatModel(model)
				.tools(new WeatherTool()), this.northstar.client())
			.build();
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		StringBuilder streamed = new StringBuilder();

		agent.ask("Quel temps fait-il à Kraków?")
			.onPartialResponse(streamed::append)
			.onCompleteResponse(done::complete)
			.onError(done::completeExceptionally)
			.start();

		assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Il fait beau à Kraków ☀️");
		assertThat(streamed).hasToString("Il fait beau à Kraków ☀️");
		this.northstar.flush();
		StoredRun run = this.northstar.run("StreamingWeatherAgent.ask");
		List<StoredSpan> spans = this.northstar.spans(run);
		assertThat(spans).extracting(StoredSpan::name)
			.containsExactly("StreamingWeatherAgent.ask", "chat gpt-4o-mini", "weather", "chat gpt-4o-mini");
		assertThat(spans.get(0).attributes().get("streaming").asBoolean()).isTrue();
		StoredSpan first = spans.get(1);
		assertThat(first.attributes().get("streaming").asBoolean()).isTrue();
		assertThat(first.attributes().get("time_to_first_token_ms").isIntegralNumber()).isTrue();
		assertThat(first.attributes().get("input_tokens").asLong()).isEqualTo(50);
		assertThat(first.attributes().get("cache_read_tokens").asLong()).isEqualTo(32);
		assertThat(first.attributes().get("finish_reason").asString()).isEqualTo("TOOL_EXECUTION");
		StoredSpan last = spans.get(3);
		assertThat(last.attributes().get("time_to_first_token_ms").isIntegralNumber()).isTrue();
		assertThat(last.attributes().get("output_tokens").asLong()).isEqualTo(15);
		assertThat(last.attributes().get("finish_reason").asString()).isEqualTo("STOP");
		assertThat(last.attributes().get("cost_usd").asDouble()).isPositive();
		assertThat(this.northstar.event(run, spans.get(2), "tool_arguments").content().get("city").asString())
			.isEqualTo("Kraków");
		assertThat(this.northstar.runEvent(run, "final_response").content().asString())
			.isEqualTo("Il fait beau à Kraków ☀️");
		assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(140);
		assertThat(this.openAi.requests).hasSize(2)
			.allSatisfy((request) -> assertThat(request.path("stream").asBoolean(false)).isTrue());
	}

}
