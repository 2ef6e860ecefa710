/**
 * Implementation classes. Not API: subject to change without notice.
 */
@NullMarked
package ai.northstar.internal;

import org.jspecify.annotations.NullMarked;
