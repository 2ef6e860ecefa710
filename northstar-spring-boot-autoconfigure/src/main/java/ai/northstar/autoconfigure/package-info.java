/**
 * Auto-configuration of NorthStar for Spring Boot: the {@code northstar.*} properties, the
 * {@link ai.northstar.Northstar} client bean its transport and its background flusher.
 */
@NullMarked
package ai.northstar.autoconfigure;

import org.jspecify.annotations.NullMarked;
