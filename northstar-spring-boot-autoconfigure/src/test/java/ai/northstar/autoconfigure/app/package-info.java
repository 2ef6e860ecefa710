/**
 * A small application traced by NorthStar, booted with a real web server by {@link
 * ai.northstar.autoconfigure.app.AgentApplicationTests}.
 */
@NullMarked
package ai.northstar.autoconfigure.app;

import org.jspecify.annotations.NullMarked;
