package ai.northstar.spring.ai.app;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import ai.northstar.Northstar;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.LocalStore;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSpan;
import ai.northstar.spring.ai.NorthstarEvaluations;
import ai.northstar.spring.ai.app.SpringAiAgentApplication.TravelAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Hooks;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.evaluation.RelevancyEvaluator;
import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.evaluation.EvaluationRequest;
import org.springframework.ai.evaluation.EvaluationResponse;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SpringAiAgentApplication}: Spring AI traced with no code, booted once with a {@code ChatClient}
 * over a provider-like fake model and its tool-calling advisor, sending to a loopback NorthStar that validates like
 * the backend; each test asserts the stored trace.
 */
@Timeout(60)
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class SpringAiAgentApplicationTests {

	private static final String API_KEY = "ns_spring_ai";

	private static LocalIngestServer server;

	private static ConfigurableApplicationContext context;

	private static ChatClient chatClient;

	private static Northstar northstar;

	@BeforeAll
	static void boot() {
		server = LocalIngestServer.builder().apiKey(API_KEY).build();
		context = new SpringApplicationBuilder(SpringAiAgentApplication.class).web(WebApplicationType.NONE)
			.properties("northstar.api-key=" + API_KEY, "northstar.endpoint=" + server.ingestUri(),
					"northstar.flush-interval=100ms", "northstar.debug=true")
			.run();
		chatClient = context.getBean(ChatClient.class);
		northstar = context.getBean(Northstar.class);
	}

	@AfterAll
	static void stop() {
		context.close();
		server.close();
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void shouldRecordOneRunWithTheAgentSpanItsRoundsAndToolWhenABlockingCallOutsideATraceUsesATool() {
		String question = "Quelle est la météo à Zürich?";
		String answer = chatClient.prompt().user(question).call().content();
		assertThat(answer).isEqualTo("Voici la réponse pour Zürich ✅");

		StoredRun run = awaitRun("chat_client", question);
		assertThat(run.status()).isEqualTo("ok");
		List<StoredEvent> events = server.store().eventsOf(run.id());
		assertThat(runEvent(events, "final_response").content().asString()).isEqualTo(answer);
		List<StoredSpan> spans = spansInOrder(run);
		assertThat(spans).extracting(StoredSpan::kind, StoredSpan::name)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("agent", "chat_client"),
					org.assertj.core.groups.Tuple.tuple("model", "chat gpt-4o"),
					org.assertj.core.groups.Tuple.tuple("tool", "weather"),
					org.assertj.core.groups.Tuple.tuple("workflow", "geocode"),
					org.assertj.core.groups.Tuple.tuple("model", "chat gpt-4o"));
		StoredSpan agent = spans.get(0);
		StoredSpan first = spans.get(1);
		StoredSpan tool = spans.get(2);
		StoredSpan second = spans.get(4);
		assertThat(agent.parentSpanId()).isNull();
		assertThat(keys(agent.attributes())).doesNotContain("input_tokens", "cost_usd");
		assertThat(List.of(first, tool, second)).allSatisfy((span) -> {
			assertThat(span.parentSpanId()).isEqualTo(agent.id());
			assertThat(span.status()).isEqualTo("ok");
		});
		assertThat(spans.get(3).parentSpanId()).isEqualTo(tool.id());

		JsonNode round = first.attributes();
		assertThat(round.get("model").asString()).isEqualTo(SpringAiAgentApplication.RESPONSE_MODEL);
		assertThat(round.get("provider").asString()).isEqualTo("scripted");
		assertThat(round.get("input_tokens").asLong()).isEqualTo(120);
		assertThat(round.get("output_tokens").asLong()).isEqualTo(30);
		assertThat(round.get("total_tokens").asLong()).isEqualTo(150);
		assertThat(round.get("cache_read_tokens").asLong()).isEqualTo(64);
		assertThat(round.get("pricing_source").asString()).isEqualTo("pricing_table");
		assertThat(round.get("cost_usd").decimalValue()).isPositive();
		assertThat(round.get("finish_reason").asString()).isEqualTo("TOOL_CALLS");
		assertThat(round.get("temperature").asDouble()).isEqualTo(0.3);
		assertThat(round.get("max_tokens").asInt()).isEqualTo(800);
		assertThat(keys(round)).doesNotContain("top_p", "streaming");
		assertThat(second.attributes().get("input_tokens").asLong()).isEqualTo(200);
		assertThat(second.attributes().get("finish_reason").asString()).isEqualTo("STOP");

		assertThat(eventsOf(events, first)).extracting(StoredEvent::type)
			.containsExactly("system_message", "user_input", "assistant_message", "tool_arguments");
		StoredEvent call = eventsOf(events, first).get(3);
		assertThat(call.content().get("city").asString()).isEqualTo("Zürich");
		assertThat(call.attributes().get("name").asString()).isEqualTo("weather");
		assertThat(call.attributes().get("tool_call_id").asString()).isEqualTo("call_0_weather");
		assertThat(eventsOf(events, first).get(0).content().asString())
			.isEqualTo("Tu es un assistant de voyage. 旅行アシスタント 🧳");
		assertThat(eventsOf(events, second)).extracting(StoredEvent::type)
			.containsExactly("system_message", "user_input", "assistant_message", "tool_arguments", "tool_result",
					"assistant_message");
		StoredEvent result = eventsOf(events, second).get(4);
		assertThat(result.content().get("sky").asString()).isEqualTo("ensoleillé ☀️");
		assertThat(result.attributes().get("tool_call_id").asString()).isEqualTo("call_0_weather");
		assertThat(eventsOf(events, second).get(5).content().asString()).isEqualTo(answer);

		assertThat(tool.attributes().get("tool_call_id").asString()).isEqualTo("call_0_weather");
		assertThat(only(events, "tool_arguments", tool).content().get("city").asString()).isEqualTo("Zürich");
		JsonNode weather = only(events, "tool_result", tool).content();
		assertThat(weather.get("city").asString()).isEqualTo("ZÜRICH");
		assertThat(weather.get("celsius").asInt()).isEqualTo(24);
		assertThat(only(events, "tool_arguments", spans.get(3)).content().get("city").asString()).isEqualTo("Zürich");

		assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(320);
		assertThat(run.metadata().get("total_output_tokens").asLong()).isEqualTo(70);
		assertThat(run.metadata().get("cost_usd").decimalValue()).isEqualByComparingTo(
				first.attributes().get("cost_usd").decimalValue().add(second.attributes().get("cost_usd").decimalValue()));
		assertThat(server.store().rejectedBatches()).isZero();
	}

	@Test
	void shouldNestTheCallUnderTheTraceWhenTwoToolRoundsRunInsideNorthstarTrace() {
		TravelAgent agent = context.getBean(TravelAgent.class);
		String question = "Organise mon voyage à 京都";
		assertThat(agent.ask(question)).isEqualTo("Voici la réponse pour 京都 ✅");

		StoredRun run = awaitRun("travel-agent", null, (events) -> events.stream()
			.anyMatch((event) -> event.type().equals("user_input") && event.spanId() == null
					&& question.equals(event.content().path("question").asString(null))));
		List<StoredSpan> spans = spansInOrder(run);
		assertThat(spans).extracting(StoredSpan::name)
			.containsExactly("chat_client", "chat gpt-4o", "weather", "geocode", "chat gpt-4o", "forecast",
					"chat gpt-4o");
		StoredSpan agentSpan = spans.get(0);
		assertThat(agentSpan.parentSpanId()).isNull();
		assertThat(spans).filteredOn((span) -> span.kind().equals("model"))
			.hasSize(3)
			.allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(agentSpan.id()))
			.extracting((span) -> span.attributes().get("input_tokens").asLong())
			.containsExactly(120L, 200L, 280L);
		List<StoredEvent> events = server.store().eventsOf(run.id());
		StoredSpan forecast = spans.get(5);
		assertThat(only(events, "tool_arguments", forecast).content().get("days").asInt()).isEqualTo(2);
		assertThat(only(events, "tool_result", forecast).content().valueStream().map(JsonNode::asString))
			.containsExactly("晴れ", "雨 🌧");
		assertThat(runEvent(events, "final_response").content().asString()).isEqualTo("Voici la réponse pour 京都 ✅");
		assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(600);
		assertThat(run.metadata().get("total_output_tokens").asLong()).isEqualTo(120);
	}

	@Test
	void shouldEndTheToolSpanWithItsErrorWhenSpringAiTurnsTheExceptionIntoAResult() {
		String question = "Réserve un hôtel à Genève";
		assertThat(chatClient.prompt().user(question).call().content()).isEqualTo("Voici la réponse pour Genève ✅");

		StoredRun run = awaitRun("chat_client", question);
		assertThat(run.status()).isEqualTo("ok");
		List<StoredSpan> spans = spansInOrder(run);
		StoredSpan tool = spans.stream().filter((span) -> span.name().equals("book_hotel")).findFirst().orElseThrow();
		assertThat(tool.status()).isEqualTo("error");
		assertThat(tool.error().get("type").asString()).isEqualTo("IllegalStateException");
		assertThat(tool.error().get("message").asString()).isEqualTo("Hôtel complet: Genève 🏨");
		assertThat(only(server.store().eventsOf(run.id()), "tool_result", tool).content().asString())
			.contains("Hôtel complet: Genève 🏨");
		assertThat(spans).filteredOn((span) -> span.kind().equals("model")).hasSize(2);
	}

	@Test
	void shouldRecordTimingsAndTheCacheCountOnceWhenAToolCallingStreamCompletes() {
		String question = "Quelle météo à Tromsø";
		List<String> chunks = chatClient.prompt().user(question).stream().content().collectList().block(Duration.ofSeconds(20));
		assertThat(String.join("", chunks)).isEqualTo("Voici la réponse pour Tromsø ✅");

		StoredRun run = awaitRun("chat_client", question);
		assertThat(run.status()).isEqualTo("ok");
		List<StoredSpan> spans = spansInOrder(run);
		assertThat(spans).extracting(StoredSpan::name)
			.containsExactly("chat_client", "chat gpt-4o", "weather", "geocode", "chat gpt-4o");
		assertThat(spans.get(0).attributes().get("streaming").asBoolean()).isTrue();
		List<StoredSpan> rounds = spans.stream().filter((span) -> span.kind().equals("model")).toList();
		assertThat(rounds).allSatisfy((span) -> {
			assertThat(span.status()).isEqualTo("ok");
			assertThat(span.parentSpanId()).isEqualTo(spans.get(0).id());
			assertThat(span.attributes().get("streaming").asBoolean()).isTrue();
			assertThat(span.attributes().get("time_to_first_token_ms").isIntegralNumber()).isTrue();
			assertThat(span.endedAt()).isBeforeOrEqualTo(spans.get(0).endedAt());
		});
		assertThat(rounds.get(0).attributes().get("cache_read_tokens").asLong()).isEqualTo(64);
		assertThat(rounds).extracting((span) -> span.attributes().get("input_tokens").asLong()).containsExactly(120L, 200L);
		List<StoredEvent> events = server.store().eventsOf(run.id());
		assertThat(eventsOf(events, rounds.get(1))).filteredOn((event) -> event.type().equals("assistant_message"))
			.last()
			.satisfies((event) -> assertThat(event.content().asString()).isEqualTo("Voici la réponse pour Tromsø ✅"));
		assertThat(runEvent(events, "final_response").content().asString()).isEqualTo("Voici la réponse pour Tromsø ✅");
		assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(320);
	}

	@Test
	void shouldEndEverySpanCancelledWithThePartialTextWhenAStreamIsCancelled() {
		String question = "hang là-bas";
		List<String> chunks = chatClient.prompt().user(question).stream().content().take(2).collectList()
			.block(Duration.ofSeconds(20));
		assertThat(chunks).containsExactly("Ça ", "commence ");

		StoredRun run = awaitRun("chat_client", question);
		assertThat(run.status()).isEqualTo("error");
		assertThat(run.metadata().get("cancelled").asBoolean()).isTrue();
		List<StoredSpan> spans = spansInOrder(run);
		assertThat(spans).extracting(StoredSpan::name).containsExactly("chat_client", "chat gpt-4o");
		assertThat(spans).allSatisfy((span) -> {
			assertThat(span.status()).isEqualTo("error");
			assertThat(span.attributes().get("cancelled").asBoolean()).isTrue();
			assertThat(span.error().get("type").asString()).isEqualTo("CancellationException");
			assertThat(span.endedAt()).isNotNull();
		});
		List<StoredEvent> events = server.store().eventsOf(run.id());
		assertThat(eventsOf(events, spans.get(1))).filteredOn((event) -> event.type().equals("assistant_message"))
			.singleElement()
			.satisfies((event) -> assertThat(event.content().asString()).isEqualTo("Ça commence "));
		assertThat(runEvent(events, "final_response").content().asString()).isEqualTo("Ça commence ");
	}

	@Test
	void shouldKeepTheWholeCallInTheTraceWhenItRunsInAReactorChainOnAnotherThread() {
		TravelAgent agent = context.getBean(TravelAgent.class);
		String question = "La météo à São Paulo";
		assertThat(agent.askReactive(question).block(Duration.ofSeconds(20))).isEqualTo("Voici la réponse pour Paulo ✅");

		StoredRun run = awaitRun("reactive-travel-agent", null, (events) -> events.stream()
			.anyMatch((event) -> event.type().equals("final_response") && event.spanId() == null));
		List<StoredSpan> spans = spansInOrder(run);
		assertThat(spans).extracting(StoredSpan::name)
			.containsExactly("chat_client", "chat gpt-4o", "weather", "geocode", "chat gpt-4o");
		assertThat(spans.get(0).parentSpanId()).isNull();
		assertThat(server.store().runs()).filteredOn((stored) -> stored.name().equals("chat_client"))
			.noneMatch((stored) -> server.store().eventsOf(stored.id()).stream()
				.anyMatch((event) -> question.equals(event.content().asString(null))));
	}

	@Test
	void shouldNestAStreamUnderTheTraceWhenAnAnnotatedMethodReturnsIt() {
		TravelAgent agent = context.getBean(TravelAgent.class);
		List<String> chunks = agent.stream("Quelle météo à Reykjavík").collectList().block(Duration.ofSeconds(20));
		assertThat(String.join("", chunks)).isEqualTo("Voici la réponse pour Reykjavík ✅");
		StoredRun run = awaitRun("streaming-travel-agent", null, (events) -> events.stream()
			.anyMatch((event) -> event.type().equals("final_response") && event.spanId() == null));
		assertThat(spansInOrder(run)).extracting(StoredSpan::name)
			.containsExactly("chat_client", "chat gpt-4o", "weather", "geocode", "chat gpt-4o");
	}

	@Test
	void shouldRecordADirectModelCallAsItsOwnRunWithReasoningWhenOutsideATrace() {
		ChatModel model = context.getBean(ChatModel.class);
		String question = "Bonjour, qui es-tu? 👋";
		String answer = model.call(new Prompt(new UserMessage(question))).getResult().getOutput().getText();
		assertThat(answer).isEqualTo("Réponse à « " + question + " » 🙂");
		StoredRun run = awaitRun("chat gpt-4o", question);
		StoredSpan span = spansInOrder(run).get(0);
		assertThat(spansInOrder(run)).hasSize(1);
		assertThat(span.kind()).isEqualTo("model");
		assertThat(span.parentSpanId()).isNull();
		List<StoredEvent> events = server.store().eventsOf(run.id());
		assertThat(eventsOf(events, span)).extracting(StoredEvent::type)
			.containsExactly("user_input", "assistant_message", "reasoning");
		assertThat(only(events, "reasoning", span).content().asString()).isEqualTo("L'utilisateur demande 👋 🤔");
		assertThat(runEvent(events, "final_response").content().asString()).isEqualTo(answer);
		assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(120);
	}

	@Test
	void shouldPassTheModelsErrorUnchangedAndRecordItWhenTheModelFails() {
		String question = "panne générale";
		assertThatIllegalStateException().isThrownBy(() -> chatClient.prompt().user(question).call().content())
			.withMessage("modèle en panne ⚡");
		StoredRun run = awaitRun("chat_client", question);
		assertThat(run.status()).isEqualTo("error");
		assertThat(run.error().get("message").asString()).isEqualTo("modèle en panne ⚡");
		assertThat(spansInOrder(run)).extracting(StoredSpan::name, StoredSpan::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("chat_client", "error"),
					org.assertj.core.groups.Tuple.tuple("chat gpt-4o", "error"));
	}

	@Test
	void shouldLeaveTheCallUnchangedWhenRecordingItFails() {
		ChatModel model = context.getBean(ChatModel.class);
		AbstractMessage exploding = new AbstractMessage(MessageType.SYSTEM, "", Map.of()) {

			@Override
			public String getText() {
				throw new IllegalStateException("a message that cannot be read twice");
			}

		};
		String question = "Bonjour malgré tout 🛡";
		String answer = model.call(new Prompt(List.of(exploding, new UserMessage(question))))
			.getResult()
			.getOutput()
			.getText();
		assertThat(answer).isEqualTo("Réponse à « " + question + " » 🙂");
		StoredRun run = awaitRun("chat gpt-4o", question);
		assertThat(run.status()).isEqualTo("ok");
		assertThat(spansInOrder(run)).singleElement().satisfies((span) -> assertThat(span.status()).isEqualTo("ok"));
	}

	@Test
	void shouldKeepEveryCallInItsOwnRunWhenManyThreadsCallAtOnce() throws Exception {
		int threads = 6;
		java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(threads);
		java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
		List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
		List<String> questions = new java.util.ArrayList<>();
		try {
			for (int i = 0; i < threads * 2; i++) {
				String question = "Quelle météo à Ville-" + i + "-東京";
				questions.add(question);
				boolean streamed = (i % 2 == 0);
				answers.add(executor.submit(() -> {
					start.await();
					return streamed ? String.join("", chatClient.prompt().user(question).stream().content().collectList()
						.block(Duration.ofSeconds(20))) : chatClient.prompt().user(question).call().content();
				}));
			}
			start.countDown();
			for (int i = 0; i < answers.size(); i++) {
				assertThat(answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS))
					.isEqualTo("Voici la réponse pour Ville-" + i + "-東京 ✅");
			}
		}
		finally {
			executor.shutdownNow();
		}
		for (String question : questions) {
			StoredRun run = awaitRun("chat_client", question);
			List<StoredSpan> spans = spansInOrder(run);
			assertThat(spans).as(question)
				.extracting(StoredSpan::name)
				.containsExactly("chat_client", "chat gpt-4o", "weather", "geocode", "chat gpt-4o");
			String city = question.substring(question.lastIndexOf(' ') + 1);
			assertThat(only(server.store().eventsOf(run.id()), "tool_arguments", spans.get(2)).content().get("city")
				.asString()).isEqualTo(city);
			assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(320);
		}
		assertThat(server.store().rejectedBatches()).isZero();
	}

	@Test
	void shouldTraceOnlyTheModelRoundsAndWarnOnceWhenAChatClientIsBuiltByHand(
			org.springframework.boot.test.system.CapturedOutput output) {
		ChatModel model = context.getBean(ChatModel.class);
		ChatClient handBuilt = ChatClient.builder(model)
			.defaultTools(context.getBean(SpringAiAgentApplication.TravelTools.class))
			.build();
		String first = northstar.trace("hand-built", () -> handBuilt.prompt().user("Quelle météo à Lund").call().content());
		northstar.trace("hand-built", () -> handBuilt.prompt().user("Quelle météo à Malmö").call().content());
		assertThat(first).isEqualTo("Voici la réponse pour Lund ✅");
		StoredRun run = awaitRun("hand-built", null, (events) -> events.stream()
			.anyMatch((event) -> "Quelle météo à Lund".equals(event.content().asString(null))));
		assertThat(spansInOrder(run)).extracting(StoredSpan::name)
			.containsExactly("chat gpt-4o", "geocode", "chat gpt-4o");
		assertThat(output.getOut().split("uses a no-op ObservationRegistry", -1)).hasSize(2);

		ChatClient withRegistry = ChatClient
			.builder(model, context.getBean(io.micrometer.observation.ObservationRegistry.class), null, null)
			.defaultTools(context.getBean(SpringAiAgentApplication.TravelTools.class))
			.build();
		northstar.trace("hand-built-with-registry",
				() -> withRegistry.prompt().user("Quelle météo à Aarhus").call().content());
		StoredRun traced = awaitRun("hand-built-with-registry", null, (events) -> true);
		assertThat(spansInOrder(traced)).extracting(StoredSpan::name)
			.containsExactly("chat_client", "chat gpt-4o", "weather", "geocode", "chat gpt-4o");
	}

	@Test
	void shouldNestTheJudgeUnderAnEvaluationSpanAndCountItsCostApartWhenAnEndedRunIsEvaluated() {
		String question = "Quelle météo à Kraków";
		UUID[] traceId = new UUID[1];
		ai.northstar.Run[] held = new ai.northstar.Run[1];
		String answer = northstar.trace("evaluated-agent", () -> {
			held[0] = ai.northstar.TraceContext.current().run().orElseThrow();
			traceId[0] = held[0].id();
			return chatClient.prompt().user(question).call().content();
		});
		StoredRun ended = awaitRun("evaluated-agent", null, (events) -> true);
		assertThat(ended.id()).isEqualTo(traceId[0]);
		java.math.BigDecimal agentCost = ended.metadata().get("cost_usd").decimalValue();

		EvaluationResponse response = context.getBean(NorthstarEvaluations.class)
			.evaluate(held[0], "relevancy", RelevancyEvaluator.builder().chatClientBuilder(judge("YES")).build(),
					new EvaluationRequest(question, List.of(), answer));
		assertThat(response.isPass()).isTrue();

		StoredRun run = await().atMost(Duration.ofSeconds(20)).until(() -> {
			northstar.flush(Duration.ofSeconds(5));
			return server.store().run(traceId[0]).orElseThrow();
		}, (stored) -> stored.metadata().has("evaluation_cost_usd") && server.store().scoresOf(stored.id()).size() == 2);
		List<StoredSpan> spans = spansInOrder(run);
		StoredSpan evaluation = spans.stream()
			.filter((span) -> span.name().equals("evaluation relevancy"))
			.findFirst()
			.orElseThrow();
		assertThat(evaluation.kind()).isEqualTo("custom");
		assertThat(evaluation.parentSpanId()).isNull();
		assertThat(evaluation.status()).isEqualTo("ok");
		assertThat(evaluation.attributes().get("pass").asBoolean()).isTrue();
		assertThat(evaluation.attributes().get("evaluator").asString()).isEqualTo(RelevancyEvaluator.class.getName());
		List<StoredSpan> judged = spans.stream()
			.filter((span) -> evaluation.id().equals(span.parentSpanId()))
			.toList();
		assertThat(judged).extracting(StoredSpan::name).containsExactly("chat_client");
		StoredSpan judgeRound = spans.stream()
			.filter((span) -> judged.get(0).id().equals(span.parentSpanId()))
			.findFirst()
			.orElseThrow();
		assertThat(judgeRound.kind()).isEqualTo("model");
		assertThat(judgeRound.attributes().get("model").asString()).isEqualTo("gpt-4o-mini");
		java.math.BigDecimal judgeCost = judgeRound.attributes().get("cost_usd").decimalValue();
		assertThat(judgeCost).isPositive();
		assertThat(run.metadata().get("cost_usd").decimalValue()).isEqualByComparingTo(agentCost);
		assertThat(run.metadata().get("evaluation_cost_usd").decimalValue()).isEqualByComparingTo(judgeCost);

		List<StoredScore> scores = server.store().scoresOf(run.id());
		assertThat(scores).extracting(StoredScore::name, StoredScore::dataType, StoredScore::value, StoredScore::spanId)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("relevancy", "boolean", 1.0, evaluation.id()),
					org.assertj.core.groups.Tuple.tuple("relevancy_score", "numeric", 1.0, evaluation.id()));
		assertThat(server.store().rejectedBatches()).isZero();
	}

	@Test
	void shouldPassTheEvaluatorsErrorUnchangedAndEndItsSpanWithItWhenAnEvaluationFails() {
		UUID[] traceId = new UUID[1];
		ai.northstar.Run[] held = new ai.northstar.Run[1];
		northstar.trace("failed-evaluation", () -> {
			held[0] = ai.northstar.TraceContext.current().run().orElseThrow();
			traceId[0] = held[0].id();
			return "réponse";
		});
		IllegalStateException failure = new IllegalStateException("juge indisponible ⚖️");
		assertThatIllegalStateException()
			.isThrownBy(() -> context.getBean(NorthstarEvaluations.class).evaluate(traceId[0], "fidélité", (request) -> {
				throw failure;
			}, new EvaluationRequest("question", List.of(), "réponse")))
			.isSameAs(failure);
		StoredSpan evaluation = await().atMost(Duration.ofSeconds(20)).until(() -> {
			northstar.flush(Duration.ofSeconds(5));
			return server.store().spansOf(traceId[0]).stream()
				.filter((span) -> span.name().equals("evaluation fidélité") && span.endedAt() != null)
				.findFirst()
				.orElse(null);
		}, Objects::nonNull);
		assertThat(evaluation.status()).isEqualTo("error");
		assertThat(evaluation.error().get("message").asString()).isEqualTo("juge indisponible ⚖️");
		assertThat(server.store().scoresOf(traceId[0])).isEmpty();
		assertThat(held[0].id()).isEqualTo(traceId[0]);
	}

	@Test
	void shouldRecordOnlyTheBooleanScoreWithTheJudgesFeedbackWhenTheAnswerIsJudgedIrrelevant() {
		UUID[] traceId = new UUID[1];
		northstar.trace("judged-irrelevant", () -> {
			traceId[0] = ai.northstar.TraceContext.current().traceId().orElseThrow();
			return "réponse";
		});
		EvaluationResponse response = context.getBean(NorthstarEvaluations.class)
			.evaluate(traceId[0], "pertinence", (request) -> new EvaluationResponse(false, "hors sujet: « 東京 » ≠ Paris 🗼",
					Map.of()), new EvaluationRequest("question", List.of(), "réponse"));
		assertThat(response.isPass()).isFalse();
		StoredScore score = await().atMost(Duration.ofSeconds(20)).until(() -> {
			northstar.flush(Duration.ofSeconds(5));
			List<StoredScore> scores = server.store().scoresOf(traceId[0]);
			return scores.isEmpty() ? null : scores;
		}, Objects::nonNull).get(0);
		assertThat(server.store().scoresOf(traceId[0])).hasSize(1);
		assertThat(score.name()).isEqualTo("pertinence");
		assertThat(score.dataType()).isEqualTo("boolean");
		assertThat(score.value()).isZero();
		assertThat(score.comment()).isEqualTo("hors sujet: « 東京 » ≠ Paris 🗼");
	}

	private static ChatClient.Builder judge(String verdict) {
		io.micrometer.observation.ObservationRegistry registry = context
			.getBean(io.micrometer.observation.ObservationRegistry.class);
		ChatModel model = new ai.northstar.spring.ai.ScriptedChatModel(registry, "gpt-4o-mini", "gpt-4o-mini",
				(prompt) -> ai.northstar.spring.ai.ScriptedChatModel.Reply.text(90, 1, verdict));
		return ChatClient.builder(model, registry, null, null);
	}

	private static StoredRun awaitRun(String name, String userInput) {
		return awaitRun(name, userInput, (events) -> true);
	}

	private static StoredRun awaitRun(String name, String userInput,
			java.util.function.Predicate<List<StoredEvent>> matching) {
		return await().atMost(Duration.ofSeconds(20)).until(() -> {
			northstar.flush(Duration.ofSeconds(5));
			LocalStore store = server.store();
			return store.runs()
				.stream()
				.filter((run) -> run.name().equals(name) && run.endedAt() != null)
				.filter((run) -> {
					List<StoredEvent> events = store.eventsOf(run.id());
					return (userInput == null || events.stream()
						.anyMatch((event) -> event.type().equals("user_input") && event.spanId() == null
								&& userInput.equals(event.content().asString(null))))
							&& matching.test(events);
				})
				.filter((run) -> store.spansOf(run.id()).stream().allMatch((span) -> span.endedAt() != null))
				.findFirst()
				.orElse(null);
		}, Objects::nonNull);
	}

	/**
	 * Returns the spans of a run in the order they started.
	 */
	private static List<StoredSpan> spansInOrder(StoredRun run) {
		return server.store()
			.spansOf(run.id())
			.stream()
			.sorted(Comparator.comparing(StoredSpan::startedAt))
			.toList();
	}

	private static List<StoredEvent> eventsOf(List<StoredEvent> events, StoredSpan span) {
		return events.stream().filter((event) -> span.id().equals(event.spanId())).toList();
	}

	private static StoredEvent runEvent(List<StoredEvent> events, String type) {
		List<StoredEvent> matching = events.stream()
			.filter((event) -> event.type().equals(type) && event.spanId() == null)
			.toList();
		assertThat(matching).as(type).hasSize(1);
		return matching.get(0);
	}

	private static StoredEvent only(List<StoredEvent> events, String type, StoredSpan span) {
		List<StoredEvent> matching = events.stream()
			.filter((event) -> event.type().equals(type) && Objects.equals(event.spanId(), span.id()))
			.toList();
		assertThat(matching).as(type + " of " + span.name()).hasSize(1);
		return matching.get(0);
	}

	private static java.util.Set<String> keys(JsonNode node) {
		return new java.util.HashSet<>(node.propertyNames());
	}

	@SuppressWarnings("unused")
	private static Map<String, StoredSpan> byName(List<StoredSpan> spans) {
		return spans.stream().collect(Collectors.toMap(StoredSpan::name, Function.identity(), (a, b) -> a));
	}

	@SuppressWarnings("unused")
	private static UUID id(StoredRun run) {
		return run.id();
	}

}
