/**
 * Batching and export of pending records. Not API: subject to change without notice.
 */
@NullMarked
package ai.northstar.export;

import org.jspecify.annotations.NullMarked;
