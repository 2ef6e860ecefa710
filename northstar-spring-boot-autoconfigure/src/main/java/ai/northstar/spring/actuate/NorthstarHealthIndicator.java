package ai.northstar.spring.actuate;

import ai.northstar.FlushStats;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports whether NorthStar accepts what the application sends, as the client's {@link FlushStats#status()} says:
 * {@code UNKNOWN} before the first send (and while tracing is off), {@code UP} after a successful send, {@code DOWN}
 * with the {@code reason} once sends keep failing or the API key is refused (the core decides how many failures make
 * it {@code DOWN}). Details give the queue and send statistics; never the API key.
 * <p>
 * A failing NorthStar endpoint turns the application's aggregate health {@code DOWN}. Where that would restart the
 * application (a liveness probe), leave {@code northstar} out of that health group, or set
 * {@code management.health.northstar.enabled=false}.
 *
 * @since 0.1.0
 */
public final class NorthstarHealthIndicator implements HealthIndicator {

	private final Northstar client;

	/**
	 * Creates an indicator for a client.
	 * @param client the client
	 */
	public NorthstarHealthIndicator(Northstar client) {
		this.client = client;
	}

	@Override
	public Health health() {
		NorthstarFlusher flusher = this.client.flusher().orElse(null);
		if (!this.client.isEnabled() || flusher == null) {
			return Health.unknown().withDetail("enabled", false).build();
		}
		FlushStats stats = flusher.stats();
		Health.Builder builder = switch (stats.status()) {
			case UP -> Health.up();
			case DOWN -> Health.down();
			case UNKNOWN -> Health.unknown();
		};
		builder.withDetail("endpoint", this.client.endpoint().toString())
			.withDetail("pending", stats.pending())
			.withDetail("sent", stats.sent())
			.withDetail("dropped", stats.dropped());
		if (stats.status() == FlushStats.Status.DOWN && stats.lastError() != null) {
			builder.withDetail("reason", stats.lastError());
		}
		if (stats.lastSuccess() != null) {
			builder.withDetail("lastSuccess", stats.lastSuccess().toString());
		}
		if (stats.lastFailure() != null) {
			builder.withDetail("lastFailure", stats.lastFailure().toString());
		}
		return builder.build();
	}

}
