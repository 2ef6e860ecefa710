package ai.northstar.local.spring;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Set;

import ai.northstar.local.IngestProtocol;
import ai.northstar.local.jdbc.JdbcStore;
import ai.northstar.local.viewer.ViewerPages;
import org.jspecify.annotations.Nullable;

/**
 * A running local NorthStar: a {@link JdbcStore} behind the ingest and prompt endpoints of its own HTTP server,
 * and, when it has its own viewer (no application web server, or standalone), the viewer on the same port.
 * Started by {@link LocalNorthstarInitializer}; a bean of the application context, closed after every other bean.
 *
 * @since 0.1.0
 */
public final class LocalNorthstar implements AutoCloseable {

	private final JdbcStore store;

	private final String apiKey;

	private final LocalNorthstarHttpServer server;

	private final String host;

	private final boolean ownViewer;

	private LocalNorthstar(JdbcStore store, String apiKey, LocalNorthstarHttpServer server, String host,
			boolean ownViewer) {
		this.store = store;
		this.apiKey = apiKey;
		this.server = server;
		this.host = host;
		this.ownViewer = ownViewer;
	}

	/**
	 * Starts the HTTP server of a store.
	 * @param store the store; closed with this local NorthStar
	 * @param apiKey the API key the endpoints accept
	 * @param address the address to bind, such as {@code 127.0.0.1} or {@code 0.0.0.0}
	 * @param port the port, 0 for any free one
	 * @param withViewer whether the server also serves the viewer
	 * @return the running local NorthStar
	 * @throws java.io.UncheckedIOException when the port cannot be bound
	 */
	public static LocalNorthstar start(JdbcStore store, String apiKey, String address, int port, boolean withViewer) {
		Objects.requireNonNull(store, "store must not be null");
		InetSocketAddress socket;
		try {
			socket = new InetSocketAddress(InetAddress.getByName(address), port);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Unknown address " + address, ex);
		}
		IngestProtocol protocol = new IngestProtocol(store, () -> Set.of(apiKey));
		LocalNorthstarHttpServer server = new LocalNorthstarHttpServer(socket, protocol,
				withViewer ? new ViewerPages(store) : null);
		String host = socket.getAddress().isAnyLocalAddress() || socket.getAddress().isLoopbackAddress() ? "localhost"
				: address;
		return new LocalNorthstar(store, apiKey, server, host, withViewer);
	}

	/**
	 * Returns the store.
	 * @return the store
	 */
	public JdbcStore store() {
		return this.store;
	}

	/**
	 * Returns the API key the endpoints accept.
	 * @return the key
	 */
	public String apiKey() {
		return this.apiKey;
	}

	/**
	 * Returns the port of the local NorthStar's own server.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Returns the base URI of its own server, {@code http://localhost:<port>}.
	 * @return the base URI
	 */
	public URI baseUri() {
		return URI.create("http://" + this.host + ":" + port());
	}

	/**
	 * Returns the ingest endpoint, for {@code northstar.endpoint} or any SDK.
	 * @return the ingest URI
	 */
	public URI ingestUri() {
		return URI.create(baseUri() + IngestProtocol.INGEST_PATH);
	}

	/**
	 * Returns the viewer's URI on its own server.
	 * @return the viewer URI, or {@code null} when the application's web server serves the viewer
	 */
	public @Nullable URI viewerUri() {
		return this.ownViewer ? URI.create(baseUri() + ViewerPages.PATH) : null;
	}

	/**
	 * Stops the server and closes the store. Idempotent.
	 */
	@Override
	public void close() {
		this.server.close();
		this.store.close();
	}

	@Override
	public String toString() {
		return "LocalNorthstar[" + baseUri() + ", " + this.store + "]";
	}

}
