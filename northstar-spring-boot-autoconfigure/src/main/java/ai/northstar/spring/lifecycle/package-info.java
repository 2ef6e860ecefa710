/**
 * The lifecycle of the NorthStar client's background flusher in an application context.
 */
@NullMarked
package ai.northstar.spring.lifecycle;

import org.jspecify.annotations.NullMarked;
