/**
 * Auto-configuration of the local NorthStar: its properties and the viewer on the application's web server.
 */
@NullMarked
package ai.northstar.autoconfigure.local;

import org.jspecify.annotations.NullMarked;
