/**
 * Actuator support for NorthStar: the {@code northstar} health indicator and endpoint.
 */
@NullMarked
package ai.northstar.spring.actuate;

import org.jspecify.annotations.NullMarked;
