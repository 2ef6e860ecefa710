package ai.northstar;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the SDK logs through {@link System.Logger}, which goes to {@code java.util.logging} when no other
 * logging backend is on the class path, as in these tests.
 */
final class LogCapture implements AutoCloseable {

	private final List<LogRecord> records = new CopyOnWriteArrayList<>();

	private final Logger logger;

	private final Handler handler = new Handler() {

		@Override
		public void publish(LogRecord record) {
			LogCapture.this.records.add(record);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	private final Level previousLevel;

	private LogCapture(String name) {
		this.logger = Logger.getLogger(name);
		this.previousLevel = this.logger.getLevel();
		this.logger.setLevel(Level.ALL);
		this.handler.setLevel(Level.ALL);
		this.logger.addHandler(this.handler);
	}

	/** Captures the logs of the export pipeline. */
	static LogCapture pipeline() {
		return new LogCapture("ai.northstar.internal.export.ExportPipeline");
	}

	/** The messages logged at the level, with their parameters filled in. */
	List<String> messages(Level level) {
		return this.records.stream()
			.filter((record) -> record.getLevel().equals(level))
			.map((record) -> new java.util.logging.SimpleFormatter().formatMessage(record))
			.toList();
	}

	@Override
	public void close() {
		this.logger.removeHandler(this.handler);
		this.logger.setLevel(this.previousLevel);
	}

}
