/**
 * Auto-configuration of NorthStar for Spring Boot: the {@code northstar.*} properties, the
 * {@link ai.northstar.Northstar} client bean and the lifecycle of its background flusher.
 */
@NullMarked
package ai.northstar.autoconfigure;

import org.jspecify.annotations.NullMarked;
