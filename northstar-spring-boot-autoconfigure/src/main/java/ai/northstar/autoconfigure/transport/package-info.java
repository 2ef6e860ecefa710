/**
 * Transports that send NorthStar batches through the application's HTTP stack.
 */
@NullMarked
package ai.northstar.autoconfigure.transport;

import org.jspecify.annotations.NullMarked;
