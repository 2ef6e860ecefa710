package ai.northstar.autoconfigure.prompt;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Settings of the prompts pulled from NorthStar ({@code northstar.prompts.*}). An invalid value fails startup with
 * a message naming the property.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("northstar.prompts")
public class NorthstarPromptsProperties implements InitializingBean {

	/**
	 * How long the result of a label is served before NorthStar is asked again; after that it is still served while
	 * one background request refreshes it. Exact versions never expire.
	 */
	private Duration cacheTtl = Duration.ofSeconds(60);

	/**
	 * Folder of the fallback templates, {name}.txt in UTF-8, served when NorthStar cannot be reached and nothing is
	 * cached: classpath: and a folder of the class path, file: and a folder, or a folder path.
	 */
	private String fallbackLocation = "classpath:/northstar/prompts/";

	/**
	 * Returns how long a label's result is served before NorthStar is asked again.
	 * @return the cache TTL
	 */
	public Duration getCacheTtl() {
		return this.cacheTtl;
	}

	/**
	 * Sets how long a label's result is served before NorthStar is asked again.
	 * @param cacheTtl the cache TTL, positive
	 */
	public void setCacheTtl(Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	/**
	 * Returns the folder of the fallback templates.
	 * @return the location
	 */
	public String getFallbackLocation() {
		return this.fallbackLocation;
	}

	/**
	 * Sets the folder of the fallback templates.
	 * @param fallbackLocation the location, not blank
	 */
	public void setFallbackLocation(String fallbackLocation) {
		this.fallbackLocation = fallbackLocation;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.cacheTtl == null || this.cacheTtl.isNegative() || this.cacheTtl.isZero()) {
			throw invalid("cache-ttl", this.cacheTtl, "must be positive");
		}
		if (this.fallbackLocation == null || this.fallbackLocation.isBlank()) {
			throw invalid("fallback-location", this.fallbackLocation, "must not be blank");
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, @Nullable Object value,
			String reason) {
		return new InvalidConfigurationPropertyValueException("northstar.prompts." + name, value, reason);
	}

}
