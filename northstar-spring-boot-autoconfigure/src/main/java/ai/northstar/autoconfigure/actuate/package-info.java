/**
 * Auto-configuration of the actuator support: the {@code northstar} health indicator and endpoint.
 */
@NullMarked
package ai.northstar.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
