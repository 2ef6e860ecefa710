/**
 * The local NorthStar's trace viewer: server-rendered pages with inline styles and SVG charts, apart from any web
 * framework.
 */
@NullMarked
package ai.northstar.local.viewer;

import org.jspecify.annotations.NullMarked;
