package ai.northstar.evals;

import ai.northstar.evals.internal.EvalJson;

/**
 * Small JSON text helpers for the tests.
 */
final class EvalJsonTexts {

	private EvalJsonTexts() {
	}

	static String quote(String text) {
		return EvalJson.MAPPER.writeValueAsString(text);
	}

}
