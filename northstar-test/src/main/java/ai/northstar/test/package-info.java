/**
 * Recording and asserting agent runs in tests: {@link ai.northstar.test.NorthstarRecorder}, an in-memory transport
 * that refuses what the NorthStar backend refuses, its JUnit 5 extension and AssertJ assertions over recorded runs.
 */
@NullMarked
package ai.northstar.test;

import org.jspecify.annotations.NullMarked;
