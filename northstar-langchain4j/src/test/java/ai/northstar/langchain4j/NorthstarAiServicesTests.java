package ai.northstar.langchain4j;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import ai.northstar.Northstar;
import ai.northstar.SpanKind;
import ai.northstar.TraceContext;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.TokenStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link NorthstarAiServices}: AI services over deterministic models, blocking and streamed, with tools,
 * asserting what a loopback NorthStar stored.
 */
@Timeout(60)
class NorthstarAiServicesTests {

	private final LoopbackNorthstar northstar = new LoopbackNorthstar();

	private final TravelTools tools = new TravelTools();

	private final ScriptedStreamingChatModel streamingModel = new ScriptedStreamingChatModel();

	@AfterEach
	void close() {
		this.streamingModel.close();
		this.northstar.close();
	}

	interface TravelAgent {

		@SystemMessage("Tu es un agent de voyage. Réponds en français 🌍")
		String plan(String question);

	}

	interface StreamingTravelAgent {

		TokenStream plan(String question);

	}

	private TravelAgent agent(List<String> before, List<String> after) {
		return NorthstarAiServices.instrument(AiServices.builder(TravelAgent.class)
			.chatModel(new ScriptedChatModel())
			.tools(this.tools)
			.beforeToolExecution((execution) -> before.add(execution.request().name()))
			.afterToolExecution((execution) -> after.add(execution.request().name())), this.northstar.client())
			.build();
	}

	@Test
	void shouldRecordAnAgentSpanWithItsRoundsAndToolsWhenATwoRoundToolLoopRunsOutsideATrace() {
		List<String> before = new CopyOnWriteArrayList<>();
		List<String> after = new CopyOnWriteArrayList<>();
		String question = "Quel temps fait-il à Zürich";

		String answer = agent(before, after).plan(question);

		assertThat(answer).isEqualTo("À Zürich : ensoleillé, 24 °C à Zürich ☀️ — lunettes de soleil 😎, 帽子");
		assertThat(before).containsExactly("weather", "packing_list");
		assertThat(after).containsExactly("weather", "packing_list");
		this.northstar.flush();
		StoredRun run = this.northstar.run("TravelAgent.plan");
		assertThat(run.status()).isEqualTo("ok");
		assertThat(run.endedAt()).isNotNull();
		assertThat(this.northstar.runEvent(run, "user_input").content().asString()).isEqualTo(question);
		assertThat(this.northstar.runEvent(run, "final_response").content().asString()).isEqualTo(answer);
		List<StoredSpan> spans = this.northstar.spans(run);
		assertThat(spans).extracting(StoredSpan::name)
			.containsExactly("TravelAgent.plan", "chat gpt-4o-mini", "weather", "chat gpt-4o-mini", "packing_list",
					"chat gpt-4o-mini");
		StoredSpan agentSpan = spans.get(0);
		assertThat(agentSpan.kind()).isEqualTo("agent");
		assertThat(agentSpan.parentSpanId()).isNull();
		assertThat(spans.subList(1, 6)).allSatisfy((span) -> {
			assertThat(span.parentSpanId()).isEqualTo(agentSpan.id());
			assertThat(span.status()).isEqualTo("ok");
			assertThat(span.endedAt()).isNotNull();
		});
		assertThat(spans).extracting(StoredSpan::kind)
			.containsExactly("agent", "model", "tool", "model", "tool", "model");

		StoredSpan firstRound = spans.get(1);
		assertThat(firstRound.attributes().get("provider").asString()).isEqualTo("openai");
		assertThat(firstRound.attributes().get("model").asString()).isEqualTo(ScriptedChatModel.RESPONSE_MODEL);
		assertThat(firstRound.attributes().get("input_tokens").asLong()).isEqualTo(60);
		assertThat(firstRound.attributes().get("output_tokens").asLong()).isEqualTo(10);
		assertThat(firstRound.attributes().get("total_tokens").asLong()).isEqualTo(70);
		assertThat(firstRound.attributes().get("cost_usd").asDouble()).isPositive();
		assertThat(firstRound.attributes().get("pricing_source").asString()).isEqualTo("pricing_table");
		assertThat(firstRound.attributes().get("finish_reason").asString()).isEqualTo("TOOL_EXECUTION");
		assertThat(firstRound.attributes().get("temperature").asDouble()).isEqualTo(0.3);
		assertThat(firstRound.attributes().get("max_tokens").asInt()).isEqualTo(256);
		assertThat(firstRound.attributes().has("streaming")).isFalse();
		assertThat(this.northstar.event(run, firstRound, "system_message").content().asString())
			.isEqualTo("Tu es un agent de voyage. Réponds en français 🌍");
		assertThat(this.northstar.event(run, firstRound, "user_input").content().asString()).isEqualTo(question);
		assertThat(this.northstar.event(run, firstRound, "tool_arguments").attributes().get("name").asString())
			.isEqualTo("weather");
		assertThat(spans.get(5).attributes().get("finish_reason").asString()).isEqualTo("STOP");
		// the last round's prompt holds the earlier rounds' assistant messages (tool calls only), then its answer
		assertThat(this.northstar.events(run, spans.get(5), "assistant_message"))
			.extracting((event) -> event.content().asString(null))
			.containsExactly(null, null, answer);

		StoredSpan weather = spans.get(2);
		assertThat(weather.attributes().get("tool_call_id").asString()).isEqualTo("call_weather");
		assertThat(this.northstar.event(run, weather, "tool_arguments").content().get("city").asString())
			.isEqualTo("Zürich");
		assertThat(this.northstar.event(run, weather, "tool_result").content().asString())
			.isEqualTo("ensoleillé, 24 °C à Zürich ☀️");
		// The tool span is the tool's real execution: after the round that asked for it, before the next one
		assertThat(weather.startedAt()).isAfterOrEqualTo(firstRound.endedAt());
		assertThat(weather.endedAt()).isBeforeOrEqualTo(spans.get(3).startedAt());
		assertThat(this.tools.contexts).extracting((context) -> context.spanId().orElse(null))
			.containsExactly(weather.id(), spans.get(4).id());
		long input = spans.stream()
			.filter((span) -> span.kind().equals("model"))
			.mapToLong((span) -> span.attributes().get("input_tokens").asLong())
			.sum();
		assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(input);
		assertThat(TraceContext.current().isEmpty()).isTrue();
	}

	@Test
	void shouldMarkTheToolSpanFailedWithTheToolsExceptionWhenAToolThrows() {
		String answer = agent(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>())
			.plan("Quel temps fait-il à Atlantis");

		assertThat(answer).startsWith("À Atlantis : Atlantis est sous l'eau 🌊");
		this.northstar.flush();
		StoredRun run = this.northstar.run("TravelAgent.plan");
		assertThat(run.status()).isEqualTo("ok");
		StoredSpan weather = this.northstar.span(run, "weather");
		assertThat(weather.status()).isEqualTo("error");
		assertThat(weather.endedAt()).isNotNull();
		assertThat(weather.error().get("type").asString()).isEqualTo("IllegalStateException");
		assertThat(weather.error().get("message").asString()).isEqualTo("Atlantis est sous l'eau 🌊");
		assertThat(this.northstar.event(run, weather, "tool_result").content().asString())
			.isEqualTo("Atlantis est sous l'eau 🌊");
		assertThat(this.northstar.span(run, "packing_list").status()).isEqualTo("ok");
		assertThat(this.northstar.span(run, "TravelAgent.plan").status()).isEqualTo("ok");
	}

	@Test
	void shouldRecordEachToolOfARoundUnderTheInvocationWhenToolsRunConcurrently() {
		// One round asks for the weather of two cities at once; LangChain4j runs both tools on its executor
		ChatModel twoCities = new ChatModel() {

			@Override
			public ChatResponse doChat(ChatRequest request) {
				List<String> results = request.messages()
					.stream()
					.filter(ToolExecutionResultMessage.class::isInstance)
					.map((message) -> ((ToolExecutionResultMessage) message).text())
					.toList();
				if (results.isEmpty()) {
					return ChatResponse.builder()
						.aiMessage(AiMessage.from(List.of(call("call_1", "Kraków"), call("call_2", "東京"))))
						.finishReason(FinishReason.TOOL_EXECUTION)
						.build();
				}
				return ChatResponse.builder().aiMessage(AiMessage.from(String.join(" | ", results))).build();
			}

		};
		TravelAgent agent = NorthstarAiServices.instrument(AiServices.builder(TravelAgent.class)
			.chatModel(twoCities)
			.tools(this.tools)
			.executeToolsConcurrently(), this.northstar.client()).build();

		String answer = agent.plan("Kraków et 東京 ?");

		assertThat(answer).contains("Kraków").contains("東京");
		this.northstar.flush();
		StoredRun run = this.northstar.run("TravelAgent.plan");
		StoredSpan agentSpan = this.northstar.span(run, "TravelAgent.plan");
		assertThat(this.northstar.spans(run, "weather")).hasSize(2).allSatisfy((tool) -> {
			assertThat(tool.kind()).isEqualTo("tool");
			assertThat(tool.parentSpanId()).isEqualTo(agentSpan.id());
			assertThat(tool.status()).isEqualTo("ok");
			assertThat(tool.endedAt()).isNotNull();
		});
		assertThat(this.northstar.spans(run, "weather"))
			.extracting((tool) -> tool.attributes().get("tool_call_id").asString())
			.containsExactlyInAnyOrder("call_1", "call_2");
	}

	private static ToolExecutionRequest call(String id, String city) {
		return ToolExecutionRequest.builder().id(id).name("weather").arguments("{\"city\":\"" + city + "\"}").build();
	}

	@Test
	void shouldNestTheInvocationUnderTheInnermostOpenSpanWhenCalledInsideATrace() {
		Northstar client = this.northstar.client();
		TravelAgent agent = agent(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());

		String answer = client.trace("voyage-مرحبا",
				() -> client.span("planifier", SpanKind.WORKFLOW, () -> agent.plan("Météo à Kraków")));

		assertThat(answer).startsWith("À Kraków");
		this.northstar.flush();
		assertThat(this.northstar.runs()).hasSize(1);
		StoredRun run = this.northstar.run("voyage-مرحبا");
		StoredSpan workflow = this.northstar.span(run, "planifier");
		StoredSpan agentSpan = this.northstar.span(run, "TravelAgent.plan");
		assertThat(agentSpan.parentSpanId()).isEqualTo(workflow.id());
		assertThat(this.northstar.spans(run, "chat gpt-4o-mini")).hasSize(3)
			.allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(agentSpan.id()));
		assertThat(this.northstar.span(run, "weather").parentSpanId()).isEqualTo(agentSpan.id());
		// Inside a trace the invocation starts no run of its own, so it adds no final_response: only the trace may
		assertThat(this.northstar.events(run)).filteredOn((event) -> event.type().equals("final_response"))
			.hasSizeLessThanOrEqualTo(1)
			.allSatisfy((event) -> assertThat(event.spanId()).isNull());
	}

	@Test
	void shouldRecordAStreamedInvocationWhoseCallbacksArriveOnAnotherThread() throws Exception {
		Northstar client = this.northstar.client();
		StreamingTravelAgent agent = NorthstarAiServices.instrument(AiServices.builder(StreamingTravelAgent.class)
			.streamingChatModel(this.streamingModel)
			.tools(this.tools), client).build();
		List<String> chunks = new CopyOnWriteArrayList<>();
		List<TraceContext> chunkContexts = new CopyOnWriteArrayList<>();
		List<String> threads = new CopyOnWriteArrayList<>();

		ChatResponse response = client.trace("voyage-stream", () -> {
			CompletableFuture<ChatResponse> done = new CompletableFuture<>();
			agent.plan("Quel temps à Zürich").onPartialResponse((chunk) -> {
				chunks.add(chunk);
				chunkContexts.add(TraceContext.current());
				threads.add(Thread.currentThread().getName());
			}).onCompleteResponse(done::complete).onError(done::completeExceptionally).start();
			return done.get(30, TimeUnit.SECONDS);
		});

		String answer = "À Zürich : ensoleillé, 24 °C à Zürich ☀️ — lunettes de soleil 😎, 帽子";
		assertThat(response.aiMessage().text()).isEqualTo(answer);
		assertThat(String.join("", chunks)).isEqualTo(answer);
		assertThat(threads).containsOnly("scripted-stream");
		this.northstar.flush();
		StoredRun run = this.northstar.run("voyage-stream");
		assertThat(chunkContexts).allSatisfy((context) -> assertThat(context.traceId()).contains(run.id()));
		List<StoredSpan> spans = this.northstar.spans(run);
		assertThat(spans).extracting(StoredSpan::name)
			.containsExactly("StreamingTravelAgent.plan", "chat gpt-4o-mini", "weather", "chat gpt-4o-mini",
					"packing_list", "chat gpt-4o-mini");
		StoredSpan agentSpan = spans.get(0);
		assertThat(agentSpan.attributes().get("streaming").asBoolean()).isTrue();
		assertThat(agentSpan.status()).isEqualTo("ok");
		assertThat(spans.subList(1, 6)).allSatisfy((span) -> {
			assertThat(span.parentSpanId()).isEqualTo(agentSpan.id());
			assertThat(span.endedAt()).isNotNull();
		});
		StoredSpan lastRound = spans.get(5);
		assertThat(lastRound.attributes().get("streaming").asBoolean()).isTrue();
		assertThat(lastRound.attributes().get("time_to_first_token_ms").isIntegralNumber()).isTrue();
		assertThat(lastRound.attributes().get("finish_reason").asString()).isEqualTo("STOP");
		assertThat(this.northstar.events(run, lastRound, "assistant_message"))
			.extracting((event) -> event.content().asString(null))
			.containsExactly(null, null, answer);
		assertThat(this.northstar.event(run, spans.get(2), "tool_arguments").content().get("city").asString())
			.isEqualTo("Zürich");
	}

	@Test
	void shouldFailTheInvocationAndItsRunWhenItsStreamFails() throws Exception {
		StreamingTravelAgent agent = NorthstarAiServices.instrument(AiServices.builder(StreamingTravelAgent.class)
			.streamingChatModel(this.streamingModel)
			.tools(this.tools), this.northstar.client()).build();
		CompletableFuture<Throwable> failed = new CompletableFuture<>();

		agent.plan("en panne, que faire ?").onPartialResponse((chunk) -> {
		}).onCompleteResponse((response) -> failed.complete(null)).onError(failed::complete).start();

		assertThat(failed.get(30, TimeUnit.SECONDS)).hasMessage("flux coupé ⚡");
		this.northstar.flush();
		StoredRun run = this.northstar.run("StreamingTravelAgent.plan");
		assertThat(run.status()).isEqualTo("error");
		assertThat(run.error().get("message").asString()).isEqualTo("flux coupé ⚡");
		StoredSpan round = this.northstar.span(run, "chat gpt-4o-mini");
		assertThat(round.status()).isEqualTo("error");
		assertThat(this.northstar.event(run, round, "assistant_message").content().asString()).isEqualTo("Je ");
		assertThat(this.northstar.span(run, "StreamingTravelAgent.plan").status()).isEqualTo("error");
	}

	@Test
	void shouldRecordOnceAndKeepTheUsersHooksWhenInstrumentedTwiceOverAModelWithTheListener() {
		List<String> before = new CopyOnWriteArrayList<>();
		Northstar client = this.northstar.client();
		AiServices<TravelAgent> builder = AiServices.builder(TravelAgent.class)
			.chatModel(new ScriptedChatModel(NorthstarChatModelListener.create(client)))
			.tools(this.tools)
			.beforeToolExecution((execution) -> before.add(execution.request().name()));
		NorthstarAiServices.instrument(builder, client);
		TravelAgent agent = NorthstarAiServices.instrumentService(NorthstarAiServices.instrument(builder, client).build(),
				client);

		agent.plan("Quel temps à Kyoto");

		assertThat(before).containsExactly("weather", "packing_list");
		this.northstar.flush();
		StoredRun run = this.northstar.run("TravelAgent.plan");
		assertThat(this.northstar.spans(run)).extracting(StoredSpan::name)
			.containsExactly("TravelAgent.plan", "chat gpt-4o-mini", "weather", "chat gpt-4o-mini", "packing_list",
					"chat gpt-4o-mini");
		assertThat(this.northstar.runs()).hasSize(1);
		assertThat(NorthstarAiServices.isAiService(agent)).isTrue();
		assertThat(NorthstarAiServices.isAiService(this.tools)).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NorthstarAiServices.instrumentService(this.tools, client));
	}

	@Test
	void shouldEndTheToolSpanAndRethrowUnchangedWhenTheUsersBeforeHookThrows() {
		IllegalStateException refused = new IllegalStateException("refusé ⛔");
		TravelAgent agent = NorthstarAiServices.instrument(AiServices.builder(TravelAgent.class)
			.chatModel(new ScriptedChatModel())
			.tools(this.tools)
			.beforeToolExecution((execution) -> {
				throw refused;
			}), this.northstar.client()).build();

		assertThatThrownBy(() -> agent.plan("Quel temps à Lisboa")).isSameAs(refused);

		assertThat(TraceContext.current().isEmpty()).isTrue();
		assertThat(this.tools.contexts).isEmpty();
		this.northstar.flush();
		StoredRun run = this.northstar.run("TravelAgent.plan");
		assertThat(run.status()).isEqualTo("error");
		StoredSpan weather = this.northstar.span(run, "weather");
		assertThat(weather.status()).isEqualTo("error");
		assertThat(weather.error().get("message").asString()).isEqualTo("refusé ⛔");
		assertThat(this.northstar.span(run, "TravelAgent.plan").status()).isEqualTo("error");
		assertThat(this.northstar.spans(run)).allSatisfy((span) -> assertThat(span.endedAt()).isNotNull());
	}

	@Test
	void shouldAnswerAsBeforeWhenTracingIsOffOrItsClientFails() {
		TravelAgent off = NorthstarAiServices
			.instrument(AiServices.builder(TravelAgent.class).chatModel(new ScriptedChatModel()).tools(this.tools),
					Northstar.noop())
			.build();
		NorthstarLangChain4j failing = NorthstarLangChain4j.builder(() -> {
			throw new IllegalStateException("no client");
		}).build();
		TravelAgent broken = NorthstarAiServices
			.instrument(AiServices.builder(TravelAgent.class).chatModel(new ScriptedChatModel()).tools(this.tools),
					failing)
			.build();
		TravelAgent plain = AiServices.builder(TravelAgent.class)
			.chatModel(new ScriptedChatModel())
			.tools(new TravelTools())
			.build();

		String expected = plain.plan("Quel temps à Zürich");
		assertThat(off.plan("Quel temps à Zürich")).isEqualTo(expected);
		assertThat(broken.plan("Quel temps à Zürich")).isEqualTo(expected);
		assertThat(off.plan("bonjour")).isEqualTo("Je ne sais pas 🤷 — bonjour");
		this.northstar.flush();
		assertThat(this.northstar.runs()).isEmpty();
	}

}
