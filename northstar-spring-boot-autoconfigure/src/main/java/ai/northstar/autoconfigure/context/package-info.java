/**
 * Auto-configuration of the propagation of the current NorthStar trace onto other threads.
 */
@NullMarked
package ai.northstar.autoconfigure.context;

import org.jspecify.annotations.NullMarked;
