package ai.northstar.local.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.northstar.local.viewer.ViewerPages;
import ai.northstar.local.viewer.ViewerResponse;

import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The viewer's routes on a Spring MVC application's own web server, under {@value ViewerPages#PATH}.
 *
 * @since 0.1.0
 */
public final class ServletViewerRoutes {

	private ServletViewerRoutes() {
	}

	/**
	 * Returns the routes for a Spring MVC application.
	 * @param pages the viewer
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> routes(ViewerPages pages) {
		return RouterFunctions.route(
				RequestPredicates.GET(ViewerPages.PATH).or(RequestPredicates.GET(ViewerPages.PATH + "/**")),
				(request) -> {
					ViewerResponse page = pages.handle(request.path(), first(request.params()));
					return ServerResponse.status(page.status())
						.contentType(MediaType.parseMediaType(page.contentType()))
						.headers((headers) -> page.headers().forEach(headers::set))
						.body(page.body());
				});
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
