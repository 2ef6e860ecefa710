/**
 * The local NorthStar's store in a real database through JDBC: an embedded H2 file by default, PostgreSQL for a
 * team, with Flyway migrations and the backend's rules in SQL.
 */
@NullMarked
package ai.northstar.local.jdbc;

import org.jspecify.annotations.NullMarked;
