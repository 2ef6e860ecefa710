package ai.northstar.langchain4j;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;

/**
 * The {@link ScriptedChatModel}'s answers, streamed word by word from a thread of its own, as providers call back
 * from their HTTP client's threads; a stream can be cancelled through the handle of its partial responses, and the
 * word {@code panne} in a question makes the stream fail after its first chunk.
 */
final class ScriptedStreamingChatModel implements StreamingChatModel, AutoCloseable {

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "scripted-stream");
		thread.setDaemon(true);
		return thread;
	});

	private final List<ChatModelListener> listeners;

	ScriptedStreamingChatModel(ChatModelListener... listeners) {
		this.listeners = List.of(listeners);
	}

	@Override
	public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
		ChatResponse response = ScriptedChatModel.respond(request.messages());
		AtomicBoolean cancelled = new AtomicBoolean();
		StreamingHandle handle = new StreamingHandle() {

			@Override
			public void cancel() {
				cancelled.set(true);
			}

			@Override
			public boolean isCancelled() {
				return cancelled.get();
			}

		};
		boolean fails = request.messages().toString().contains("panne");
		this.executor.execute(() -> {
			AiMessage message = response.aiMessage();
			if (message.text() != null) {
				for (String word : message.text().split("(?<= )")) {
					handler.onPartialResponse(new PartialResponse(word), new PartialResponseContext(handle));
					if (cancelled.get()) {
						return;
					}
					if (fails) {
						handler.onError(new IllegalStateException("flux coupé ⚡"));
						return;
					}
				}
			}
			if (message.hasToolExecutionRequests()) {
				for (int i = 0; i < message.toolExecutionRequests().size(); i++) {
					handler.onCompleteToolCall(new CompleteToolCall(i, message.toolExecutionRequests().get(i)));
				}
			}
			handler.onCompleteResponse(response);
		});
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return DefaultChatRequestParameters.builder().modelName(ScriptedChatModel.MODEL).build();
	}

	@Override
	public List<ChatModelListener> listeners() {
		return this.listeners;
	}

	@Override
	public ModelProvider provider() {
		return ModelProvider.OPEN_AI;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
