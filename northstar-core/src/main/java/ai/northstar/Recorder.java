package ai.northstar;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import ai.northstar.capture.ContentCapture;
import ai.northstar.data.ErrorInfo;
import ai.northstar.internal.Ids;
import ai.northstar.internal.WireText;
import ai.northstar.internal.export.RecordQueue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the sessions, runs and spans of one client share: the queue they join when created and when they change, the
 * clock and ids they are stamped with, how their content is captured and priced, and the runs still reachable by id.
 * One per client, so a record never holds the client itself. Thread-safe.
 */
final class Recorder {

	private static final int MAX_ERROR_MESSAGE_LENGTH = 4096;

	private static final ContentCapture DEFAULT_CONTENT_CAPTURE = ContentCapture.defaults();

	private final RecordQueue queue;

	private final Clock clock;

	private final boolean systemClock;

	private final CaptureOptions captureOptions;

	private final ContentCapture contentCapture;

	private final ModelPricing pricing;

	private final RecentRuns recentRuns = new RecentRuns();

	private final Runnable sessionClosed;

	/**
	 * Creates the recorder of a client.
	 * @param builder the client's settings
	 * @param sessionClosed what a closing session that flushes asks of the client
	 */
	Recorder(ClientBuilder builder, Runnable sessionClosed) {
		this.queue = new RecordQueue(builder.maxQueueSize);
		this.clock = builder.clock;
		this.systemClock = Clock.systemUTC().equals(builder.clock);
		this.captureOptions = builder.captureOptions;
		this.contentCapture = builder.contentCapture;
		this.pricing = builder.pricing;
		this.sessionClosed = sessionClosed;
	}

	static ContentCapture defaultContentCapture() {
		return DEFAULT_CONTENT_CAPTURE;
	}

	RecordQueue queue() {
		return this.queue;
	}

	RecentRuns recentRuns() {
		return this.recentRuns;
	}

	CaptureOptions captureOptions() {
		return this.captureOptions;
	}

	ContentCapture contentCapture() {
		return this.contentCapture;
	}

	ModelPricing pricing() {
		return this.pricing;
	}

	UUID newId() {
		return Ids.random();
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * Returns whether timestamps come from the system's UTC clock, which lets a run read its spans' and events'
	 * times from a monotonic anchor instead of the wall clock each time.
	 */
	boolean usesSystemClock() {
		return this.systemClock;
	}

	/** Sends what a closing session handed over: in the background with a flusher, else now. */
	void sessionClosed() {
		this.sessionClosed.run();
	}

	/** Captures metadata or attributes entry by entry; runs the application's getters. */
	Entries captureEntries(@Nullable Map<String, ?> values) {
		return Entries.capture(this.contentCapture, values);
	}

	/** Captures one value keyed (so redacted) by its key, within a size limit. */
	JsonNode captureValue(String key, @Nullable Object value, int limit) {
		Objects.requireNonNull(key, "key must not be null");
		return Entries.value(this.contentCapture, key, value, limit);
	}

	/** Describes an error, its message cut to 4,096 characters; never throws, whatever the error's methods do. */
	ErrorInfo errorInfo(Throwable error) {
		ErrorInfo info = ErrorInfo.of(error);
		String message = info.message();
		if (message != null && message.length() > MAX_ERROR_MESSAGE_LENGTH) {
			message = WireText.truncate(message, MAX_ERROR_MESSAGE_LENGTH) + "...";
		}
		return new ErrorInfo(info.type(), message, info.module());
	}

}
