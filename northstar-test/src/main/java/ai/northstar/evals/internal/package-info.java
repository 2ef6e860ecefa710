/**
 * Helpers of the evals, public only for the packages of this module. Not API: subject to change without notice.
 */
@NullMarked
package ai.northstar.evals.internal;

import org.jspecify.annotations.NullMarked;
