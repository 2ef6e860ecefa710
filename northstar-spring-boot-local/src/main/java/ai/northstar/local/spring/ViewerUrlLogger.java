package ai.northstar.local.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs the address of the local viewer once the application's web server listens.
 */
final class ViewerUrlLogger implements ApplicationListener<WebServerInitializedEvent> {

	private static final Logger logger = LoggerFactory.getLogger(LocalNorthstarInitializer.class);

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			logger.info("Local NorthStar viewer at http://localhost:{}{}", event.getWebServer().getPort(),
					LocalNorthstarInitializer.viewerPath());
		}
	}

}
