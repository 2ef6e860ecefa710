/**
 * Content capture: turns application values into redacted, bounded, JSON-safe snapshots.
 */
@NullMarked
package ai.northstar.capture;

import org.jspecify.annotations.NullMarked;
