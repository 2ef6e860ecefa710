/**
 * A local NorthStar backend: the ingest validation, transaction and upsert rules of the real backend, an in-memory
 * store and a loopback HTTP server speaking the ingest protocol. Used by tests and by the sample application as its
 * embedded "local NorthStar"; not meant for production.
 */
@NullMarked
package ai.northstar.local;

import org.jspecify.annotations.NullMarked;
