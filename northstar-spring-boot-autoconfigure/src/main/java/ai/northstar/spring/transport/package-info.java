/**
 * Transports that send NorthStar batches through the application's HTTP stack.
 */
@NullMarked
package ai.northstar.spring.transport;

import org.jspecify.annotations.NullMarked;
