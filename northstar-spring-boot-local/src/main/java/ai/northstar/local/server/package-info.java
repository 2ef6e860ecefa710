/**
 * The standalone local NorthStar server.
 */
@NullMarked
package ai.northstar.local.server;

import org.jspecify.annotations.NullMarked;
