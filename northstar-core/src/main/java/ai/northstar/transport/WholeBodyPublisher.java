package ai.northstar.transport;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body that hands its array to the HTTP client as one buffer, without copying it: the JDK's
 * {@code BodyPublishers.ofByteArray} copies a body into new 16 KiB buffers on every send, a second copy of every
 * batch on the heap (about a quarter of all the bytes the pipeline allocated end to end). The content length is
 * declared, as {@code ofByteArray} declares it. Each subscription gets its own view of the array, so a body can be
 * sent again; the array must not change while a send uses it (a batch's body never does).
 */
final class WholeBodyPublisher implements Flow.Publisher<ByteBuffer> {

	private final byte[] body;

	private WholeBodyPublisher(byte[] body) {
		this.body = body;
	}

	/**
	 * Returns the body publisher of the array.
	 * @param body the body
	 * @return a publisher with the array's length as its content length
	 */
	static HttpRequest.BodyPublisher of(byte[] body) {
		if (body.length == 0) {
			return HttpRequest.BodyPublishers.noBody();
		}
		return HttpRequest.BodyPublishers.fromPublisher(new WholeBodyPublisher(body), body.length);
	}

	@Override
	public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
		subscriber.onSubscribe(new Subscription(subscriber, ByteBuffer.wrap(this.body)));
	}

	/** Signals the one buffer, then completion, at the first request; nothing after a cancel. */
	private static final class Subscription implements Flow.Subscription {

		private final Flow.Subscriber<? super ByteBuffer> subscriber;

		private final ByteBuffer buffer;

		private final AtomicBoolean done = new AtomicBoolean();

		Subscription(Flow.Subscriber<? super ByteBuffer> subscriber, ByteBuffer buffer) {
			this.subscriber = subscriber;
			this.buffer = buffer;
		}

		@Override
		public void request(long n) {
			if (!this.done.compareAndSet(false, true)) {
				return;
			}
			if (n <= 0) {
				this.subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
				return;
			}
			this.subscriber.onNext(this.buffer);
			this.subscriber.onComplete();
		}

		@Override
		public void cancel() {
			this.done.set(true);
		}

	}

}
