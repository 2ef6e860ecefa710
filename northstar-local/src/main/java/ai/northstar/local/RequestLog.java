package ai.northstar.local;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * The last requests a {@link LocalIngestServer} received, up to a maximum, oldest first, and how many it received.
 * Thread-safe.
 */
final class RequestLog {

	private final int maxRequests;

	private final Deque<RecordedRequest> requests = new ArrayDeque<>();

	private final AtomicInteger count = new AtomicInteger();

	RequestLog(int maxRequests) {
		this.maxRequests = maxRequests;
	}

	void add(HttpExchange exchange, byte[] body) {
		RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
				exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body);
		synchronized (this.requests) {
			this.requests.addLast(request);
			while (this.requests.size() > this.maxRequests) {
				this.requests.removeFirst();
			}
			this.count.incrementAndGet();
		}
	}

	List<RecordedRequest> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	@Nullable RecordedRequest last() {
		synchronized (this.requests) {
			return this.requests.peekLast();
		}
	}

	int count() {
		return this.count.get();
	}

	void clear() {
		synchronized (this.requests) {
			this.requests.clear();
			this.count.set(0);
		}
	}

}
