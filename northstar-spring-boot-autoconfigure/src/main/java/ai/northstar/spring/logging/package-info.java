/**
 * The SDK's logging in a Spring application: its {@link System.Logger}s routed to commons-logging.
 */
@NullMarked
package ai.northstar.spring.logging;

import org.jspecify.annotations.NullMarked;
