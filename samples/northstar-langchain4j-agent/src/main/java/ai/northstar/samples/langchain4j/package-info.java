/**
 * A plain Java LangChain4j agent traced with NorthStar: an AI service with two tools over a deterministic model,
 * sending to a local NorthStar the program starts itself.
 */
@NullMarked
package ai.northstar.samples.langchain4j;

import org.jspecify.annotations.NullMarked;
