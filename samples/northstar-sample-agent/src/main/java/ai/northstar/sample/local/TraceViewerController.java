package ai.northstar.sample.local;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.LocalStore;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local trace viewer: {@value #PATH} lists the runs the local NorthStar received, and
 * {@value #PATH}{@code /runs/{id}} shows one run with its span tree, events, error and scores. When the app sends to
 * a real NorthStar there is no local store, and the pages say so.
 *
 * @since 0.1.0
 */
@RestController
public class TraceViewerController {

	/** The path of the viewer. */
	public static final String PATH = "/northstar";

	private final ObjectProvider<LocalStore> store;

	private final TraceViewRenderer renderer;

	/**
	 * Creates the controller.
	 * @param store the local store, absent when the app sends to a real NorthStar
	 * @param server the local ingest server, absent likewise
	 */
	public TraceViewerController(ObjectProvider<LocalStore> store, ObjectProvider<LocalIngestServer> server) {
		this.store = store;
		LocalIngestServer localServer = server.getIfAvailable();
		URI ingestUri = (localServer != null) ? localServer.ingestUri() : null;
		this.renderer = new TraceViewRenderer(ingestUri);
	}

	/**
	 * Lists the runs, newest first.
	 * @return the page
	 */
	@GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
	public ResponseEntity<String> runs() {
		LocalStore local = this.store.getIfAvailable();
		if (local == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(this.renderer.remote());
		}
		List<StoredRun> runs = local.runs();
		Map<UUID, List<StoredScore>> scores = runs.stream()
			.collect(Collectors.toMap(StoredRun::id, (run) -> local.scoresOf(run.id())));
		Map<UUID, List<StoredEvent>> events = runs.stream()
			.collect(Collectors.toMap(StoredRun::id, (run) -> local.eventsOf(run.id())));
		return ResponseEntity.ok(this.renderer.runs(runs, scores, events));
	}

	/**
	 * Shows one run.
	 * @param id the run id
	 * @return the page, {@code 404} for an unknown run
	 */
	@GetMapping(path = PATH + "/runs/{id}", produces = MediaType.TEXT_HTML_VALUE)
	public ResponseEntity<String> run(@PathVariable String id) {
		LocalStore local = this.store.getIfAvailable();
		if (local == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(this.renderer.remote());
		}
		Optional<StoredRun> run = parse(id).flatMap(local::run);
		return run.map((found) -> ResponseEntity.ok(this.renderer.run(found, local.spansOf(found.id()),
				local.eventsOf(found.id()), local.scoresOf(found.id()))))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(this.renderer.notFound(id)));
	}

	private static Optional<UUID> parse(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
