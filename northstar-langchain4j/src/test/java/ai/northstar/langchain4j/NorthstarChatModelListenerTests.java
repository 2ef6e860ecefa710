package ai.northstar.langchain4j;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ai.northstar.Northstar;
import ai.northstar.SpanKind;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link NorthstarChatModelListener}, {@link NorthstarChatModel} and {@link NorthstarStreamingChatModel}:
 * direct model calls and streams, asserting what a loopback NorthStar stored.
 */
@Timeout(60)
class NorthstarChatModelListenerTests {

	private final LoopbackNorthstar northstar = new LoopbackNorthstar();

	private final ScriptedStreamingChatModel streaming = new ScriptedStreamingChatModel();

	@AfterEach
	void close() {
		this.streaming.close();
		this.northstar.close();
	}

	@Test
	void shouldRecordACallOutsideATraceAsARunOfItsOwn() {
		ChatModel model = new ScriptedChatModel(NorthstarChatModelListener.create(this.northstar.client()));

		String answer = model.chat("مرحبا، كيف الحال؟");

		assertThat(answer).isEqualTo("Je ne sais pas 🤷 — مرحبا، كيف الحال؟");
		this.northstar.flush();
		StoredRun run = this.northstar.run("chat gpt-4o-mini");
		assertThat(run.status()).isEqualTo("ok");
		assertThat(this.northstar.runEvent(run, "user_input").content().asString()).isEqualTo("مرحبا، كيف الحال؟");
		assertThat(this.northstar.runEvent(run, "final_response").content().asString()).isEqualTo(answer);
		StoredSpan span = this.northstar.span(run, "chat gpt-4o-mini");
		assertThat(span.kind()).isEqualTo("model");
		assertThat(span.parentSpanId()).isNull();
		assertThat(span.attributes().get("input_tokens").asLong()).isEqualTo(50);
		assertThat(span.attributes().get("output_tokens").asLong()).isEqualTo(9);
		assertThat(span.attributes().get("finish_reason").asString()).isEqualTo("STOP");
		assertThat(span.attributes().get("latency_ms").isIntegralNumber()).isTrue();
		assertThat(this.northstar.event(run, span, "assistant_message").content().asString()).isEqualTo(answer);
		assertThat(run.metadata().get("total_output_tokens").asLong()).isEqualTo(9);
	}

	@Test
	void shouldRethrowTheModelsOwnExceptionAndEndTheSpanWithItWhenABlockingCallFails() {
		IllegalStateException refused = new IllegalStateException("quota dépassé — 配额 🚫");
		ChatModel failing = new ScriptedChatModel() {

			@Override
			public ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
				throw refused;
			}

		};
		for (ChatModel model : List.of(NorthstarChatModel.wrap(failing, this.northstar.client()),
				new ScriptedChatModel(NorthstarChatModelListener.create(this.northstar.client())) {

					@Override
					public ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
						throw refused;
					}

				})) {
			assertThatThrownBy(() -> model.chat("Encore une fois ?")).isSameAs(refused);
		}
		this.northstar.flush();
		assertThat(this.northstar.runs()).hasSize(2).allSatisfy((run) -> {
			assertThat(run.status()).isEqualTo("error");
			StoredSpan span = this.northstar.span(run, "chat gpt-4o-mini");
			assertThat(span.status()).isEqualTo("error");
			assertThat(span.error().get("message").asString()).isEqualTo("quota dépassé — 配额 🚫");
		});
	}

	@Test
	void shouldRecordOnceUnderTheCurrentSpanWhenTwoListenersAndAWrapperSeeTheCall() {
		Northstar client = this.northstar.client();
		ChatModel model = NorthstarChatModel.wrap(new ScriptedChatModel(NorthstarChatModelListener.create(client),
				NorthstarChatModelListener.create(client)), client);
		ChatModel wrapped = NorthstarChatModel.wrap(new ScriptedChatModel(), client);

		client.trace("direct 中文", () -> client.span("étape", SpanKind.WORKFLOW, () -> {
			model.chat("bonjour 😀");
			return wrapped.chat("salut 😀");
		}));

		assertThat(model).isInstanceOf(ScriptedChatModel.class);
		assertThat(wrapped).isInstanceOf(NorthstarChatModel.class);
		assertThat(NorthstarLangChain4j.isInstrumented(wrapped)).isTrue();
		assertThat(NorthstarChatModel.wrap(wrapped, client)).isSameAs(wrapped);
		this.northstar.flush();
		assertThat(this.northstar.runs()).hasSize(1);
		StoredRun run = this.northstar.run("direct 中文");
		StoredSpan step = this.northstar.span(run, "étape");
		List<StoredSpan> rounds = this.northstar.spans(run, "chat gpt-4o-mini");
		assertThat(rounds).hasSize(2).allSatisfy((span) -> {
			assertThat(span.parentSpanId()).isEqualTo(step.id());
			assertThat(span.attributes().get("temperature").asDouble()).isEqualTo(0.3);
		});
		assertThat(this.northstar.event(run, rounds.get(1), "user_input").content().asString()).isEqualTo("salut 😀");
	}

	@Test
	void shouldSendTheNumbersOfToolArgumentsAndResultsWithTheirExactValue() {
		ChatModel model = NorthstarChatModel.wrap(new ScriptedChatModel(), this.northstar.client());
		model.chat(ChatRequest.builder()
			.messages(UserMessage.from("solde ? 💰"),
					AiMessage.from(ToolExecutionRequest.builder()
						.id("call_1")
						.name("balance")
						.arguments("{\"montant\":12345678901234567.89}")
						.build()),
					ToolExecutionResultMessage.from("call_1", "balance", "12345678901234567.89"))
			.build());
		this.northstar.flush();

		String wire = this.northstar.server()
			.requests()
			.stream()
			.map(ai.northstar.local.RecordedRequest::bodyAsString)
			.reduce("", String::concat);
		assertThat(wire).contains("{\"montant\":12345678901234567.89}", ":12345678901234567.89,")
			.doesNotContain("1.2345678901234568E16");
		StoredRun run = this.northstar.run("chat gpt-4o-mini");
		StoredSpan span = this.northstar.span(run, "chat gpt-4o-mini");
		assertThat(this.northstar.event(run, span, "tool_result").content().decimalValue())
			.isEqualByComparingTo("12345678901234567.89");
	}

	@Test
	void shouldRecordTheStreamWithItsTimeToFirstTokenWhenItCompletesOnAnotherThread() throws Exception {
		StreamingChatModel model = NorthstarStreamingChatModel.wrap(this.streaming, this.northstar.client());
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();

		model.chat("raconte-moi une histoire 📖", handler(done, null));

		assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text())
			.isEqualTo("Je ne sais pas 🤷 — raconte-moi une histoire 📖");
		this.northstar.flush();
		StoredRun run = this.northstar.run("chat gpt-4o-mini");
		StoredSpan span = this.northstar.span(run, "chat gpt-4o-mini");
		assertThat(span.status()).isEqualTo("ok");
		assertThat(span.attributes().get("streaming").asBoolean()).isTrue();
		assertThat(span.attributes().get("time_to_first_token_ms").isIntegralNumber()).isTrue();
		assertThat(span.attributes().get("provider").asString()).isEqualTo("openai");
		assertThat(this.northstar.runEvent(run, "final_response").content().asString())
			.isEqualTo("Je ne sais pas 🤷 — raconte-moi une histoire 📖");
	}

	@Test
	void shouldKnowAStreamingModelThatForwardsToAWrapperAsWrappedAndRecordEachStreamOnce() throws Exception {
		StreamingChatModel wrapper = NorthstarStreamingChatModel.wrap(this.streaming, this.northstar.client());
		StreamingChatModel decorator = new StreamingChatModel() {

			@Override
			public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
				wrapper.chat(request, handler);
			}

			@Override
			public java.util.List<dev.langchain4j.model.chat.listener.ChatModelListener> listeners() {
				return wrapper.listeners();
			}

		};
		assertThat(NorthstarStreamingChatModel.wrap(wrapper, this.northstar.client())).isSameAs(wrapper);
		assertThat(NorthstarLangChain4j.isInstrumented(decorator)).isTrue();
		assertThat(NorthstarStreamingChatModel.wrap(decorator, this.northstar.client())).isSameAs(decorator);
		assertThat(NorthstarLangChain4j.isInstrumented(this.streaming)).isFalse();
		assertThat(wrapper.listeners()).hasSize(this.streaming.listeners().size() + 1);

		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		NorthstarStreamingChatModel.wrap(decorator, this.northstar.client())
			.chat(ChatRequest.builder().messages(UserMessage.from("une fois 1️⃣")).build(), handler(done, null));
		done.get(30, TimeUnit.SECONDS);
		this.northstar.flush();
		assertThat(this.northstar.server().store().runs()).singleElement()
			.satisfies((run) -> assertThat(this.northstar.server().store().spansOf(run.id())).hasSize(1));
	}

	@Test
	void shouldEndTheStreamCancelledWithItsPartialTextWhenTheHandleIsCancelled() throws Exception {
		StreamingChatModel model = NorthstarStreamingChatModel
			.wrap(new ScriptedStreamingChatModel(NorthstarChatModelListener.create(this.northstar.client())),
					this.northstar.client());
		CountDownLatch cancelled = new CountDownLatch(1);

		model.chat("raconte-moi une histoire 📖", handler(new CompletableFuture<>(), cancelled));

		assertThat(cancelled.await(30, TimeUnit.SECONDS)).isTrue();
		this.northstar.flush();
		assertThat(this.northstar.runs()).hasSize(1);
		StoredRun run = this.northstar.run("chat gpt-4o-mini");
		assertThat(run.status()).isEqualTo("error");
		assertThat(run.metadata().get("cancelled").asBoolean()).isTrue();
		assertThat(this.northstar.runEvent(run, "final_response").content().asString()).isEqualTo("Je ");
		StoredSpan span = this.northstar.span(run, "chat gpt-4o-mini");
		assertThat(span.status()).isEqualTo("error");
		assertThat(span.attributes().get("cancelled").asBoolean()).isTrue();
		assertThat(span.attributes().get("time_to_first_token_ms").isIntegralNumber()).isTrue();
		assertThat(this.northstar.event(run, span, "assistant_message").content().asString()).isEqualTo("Je ");
	}

	private static StreamingChatResponseHandler handler(CompletableFuture<ChatResponse> done,
			CountDownLatch cancelOnFirstChunk) {
		return new StreamingChatResponseHandler() {

			@Override
			public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
				if (cancelOnFirstChunk != null) {
					context.streamingHandle().cancel();
					cancelOnFirstChunk.countDown();
				}
			}

			@Override
			public void onCompleteResponse(ChatResponse completeResponse) {
				done.complete(completeResponse);
			}

			@Override
			public void onError(Throwable error) {
				done.completeExceptionally(error);
			}

		};
	}

}
