package ai.northstar.local.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.northstar.local.viewer.ViewerPages;
import ai.northstar.local.viewer.ViewerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;

/**
 * The viewer's routes on a WebFlux application's own web server, under {@value ViewerPages#PATH}.
 *
 * @since 0.1.0
 */
public final class ReactiveViewerRoutes {

	private ReactiveViewerRoutes() {
	}

	/**
	 * Returns the routes for a WebFlux application; pages are rendered off the event loop.
	 * @param pages the viewer
	 * @return the router function
	 */
	public static org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> routes(
			ViewerPages pages) {
		return org.springframework.web.reactive.function.server.RouterFunctions.route(
				org.springframework.web.reactive.function.server.RequestPredicates.GET(ViewerPages.PATH)
					.or(org.springframework.web.reactive.function.server.RequestPredicates.GET(ViewerPages.PATH + "/**")),
				(request) -> Mono
					.fromCallable(() -> pages.handle(request.path(), first(request.queryParams())))
					.subscribeOn(Schedulers.boundedElastic())
					.flatMap((page) -> org.springframework.web.reactive.function.server.ServerResponse
						.status(page.status())
						.contentType(MediaType.parseMediaType(page.contentType()))
						.headers((headers) -> page.headers().forEach(headers::set))
						.bodyValue(page.body())));
	}

	private static Map<String, String> first(MultiValueMap<String, String> params) {
		Map<String, String> first = new LinkedHashMap<>();
		params.forEach((key, values) -> {
			if (!values.isEmpty() && values.get(0) != null) {
				first.put(key, values.get(0));
			}
		});
		return first;
	}

}
