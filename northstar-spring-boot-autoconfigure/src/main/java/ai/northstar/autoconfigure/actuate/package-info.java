/**
 * Actuator support for NorthStar: the {@code northstar} health indicator and endpoint.
 */
@NullMarked
package ai.northstar.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
