package ai.northstar.autoconfigure;

import ai.northstar.NorthstarFlusher;

/**
 * Adjusts the auto-configured {@link NorthstarFlusher} before it is built, after the {@code northstar.*} properties
 * were applied. Customizer beans run in {@link org.springframework.core.Ordered order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface NorthstarFlusherCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(NorthstarFlusher.Builder builder);

}
