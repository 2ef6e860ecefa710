package ai.northstar.autoconfigure;

import java.net.URI;

/**
 * The connection the {@code northstar.*} properties describe; validated when the properties were bound.
 */
final class PropertiesNorthstarConnectionDetails implements NorthstarConnectionDetails {

	private final URI ingestUri;

	private final String apiKey;

	PropertiesNorthstarConnectionDetails(NorthstarProperties properties) {
		this.ingestUri = NorthstarSettings.ingestUri(properties);
		this.apiKey = java.util.Objects.requireNonNull(properties.getApiKey(), "northstar.api-key").strip();
	}

	@Override
	public URI ingestUri() {
		return this.ingestUri;
	}

	@Override
	public String apiKey() {
		return this.apiKey;
	}

	@Override
	public String toString() {
		return "PropertiesNorthstarConnectionDetails[" + this.ingestUri + "]";
	}

}
