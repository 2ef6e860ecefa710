/**
 * The local NorthStar inside a Spring application: started before any bean, with its own HTTP server for the
 * ingest and prompt endpoints.
 */
@NullMarked
package ai.northstar.local.spring;

import org.jspecify.annotations.NullMarked;
