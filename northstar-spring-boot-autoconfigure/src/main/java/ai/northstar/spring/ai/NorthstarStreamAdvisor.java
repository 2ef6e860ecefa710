package ai.northstar.spring.ai;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.core.Ordered;

/**
 * A {@code ChatClient} stream advisor that lets NorthStar see the chunks of each streamed model round, which Spring
 * AI's observations do not carry: the time to the first token ({@code time_to_first_token_ms}), the text streamed so
 * far (recorded when the stream is cancelled or fails), and the cache-read token count of the chunks (which the
 * stream's final aggregate drops). It changes nothing in the stream: it only watches it.
 * <p>
 * It runs innermost, just before the model ({@link #ORDER}), so inside a tool-calling loop it sees every round. The
 * auto-configuration adds it to every {@code ChatClient} built from the auto-configured {@code ChatClient.Builder};
 * add it yourself to a client built by hand ({@code .defaultAdvisors(advisor)}). Without it, streamed rounds are still
 * recorded, without those three details.
 *
 * @since 0.1.0
 */
public final class NorthstarStreamAdvisor implements StreamAdvisor {

	/** The advisor's order: just before Spring AI's model advisors, which have the lowest precedence. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1;

	private final SpringAiTracer tracer;

	/**
	 * Creates an advisor.
	 * @param tracer the tracer
	 */
	public NorthstarStreamAdvisor(SpringAiTracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		if (!this.tracer.isActive()) {
			return chain.nextStream(request);
		}
		StreamProbe probe = new StreamProbe();
		Flux<ChatClientResponse> responses = chain.nextStream(request);
		// The model starts its observation while the stream is being subscribed, on the subscribing thread: the
		// probe is offered to it for exactly that subscription, and withdrawn once the subscription is made.
		return Flux.defer(() -> {
			this.tracer.offerProbe(probe);
			return responses;
		})
			.doOnSubscribe((subscription) -> this.tracer.withdrawProbe(probe))
			.doOnNext((response) -> this.tracer.guard("follow a streamed chunk",
					() -> probe.onChunk(response.chatResponse())))
			.doFinally((signal) -> {
				this.tracer.withdrawProbe(probe);
				this.tracer.guard("end a streamed model round", probe::terminate);
			});
	}

	@Override
	public String getName() {
		return "NorthStar stream tracing";
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
