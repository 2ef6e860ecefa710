package ai.northstar.autoconfigure;

import ai.northstar.Northstar;

/**
 * Adjusts the auto-configured {@link Northstar} client before it is built, after the {@code northstar.*} properties
 * were applied. Customizer beans run in {@link org.springframework.core.Ordered order}.
 *
 * <pre>{@code
 * @Bean
 * NorthstarBuilderCustomizer prices() {
 *     return (builder) -> builder.pricing(myPricing);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface NorthstarBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(Northstar.Builder builder);

}
