/**
 * Auto-configuration of the annotation aspect.
 */
@NullMarked
package ai.northstar.autoconfigure.annotation;

import org.jspecify.annotations.NullMarked;
