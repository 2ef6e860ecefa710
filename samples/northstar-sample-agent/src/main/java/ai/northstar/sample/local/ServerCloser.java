package ai.northstar.sample.local;

import ai.northstar.local.LocalIngestServer;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Closes the local ingest server with the context, for bean factories that cannot hold a disposable singleton.
 */
final class ServerCloser implements ApplicationListener<ContextClosedEvent> {

	private final LocalIngestServer server;

	ServerCloser(LocalIngestServer server) {
		this.server = server;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.server.close();
	}

}
