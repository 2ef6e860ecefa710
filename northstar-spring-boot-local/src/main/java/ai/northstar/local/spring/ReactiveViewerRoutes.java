package ai.northstar.local.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.northstar.local.viewer.ViewerPages;
import ai.northstar.local.viewer.ViewerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

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
	public static RouterFunction<ServerResponse> routes(ViewerPages pages) {
		return RouterFunctions.route(
				RequestPredicates.GET(ViewerPages.PATH).or(RequestPredicates.GET(ViewerPages.PATH + "/**")),
				(request) -> Mono
					.fromCallable(() -> pages.handle(request.path(), first(request.queryParams())))
					.subscribeOn(Schedulers.boundedElastic())
					.flatMap((page) -> ServerResponse.status(page.status())
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
