package ai.northstar.test.spring.app;

import ai.northstar.annotation.NorthstarTrace;
import org.springframework.stereotype.Service;

/**
 * A traced agent that asks its tool.
 */
@Service
public class SupportAgent {

	private final DocsTool docs;

	SupportAgent(DocsTool docs) {
		this.docs = docs;
	}

	@NorthstarTrace(name = "support-agent 🛟")
	public String answer(String question) {
		if (question.isBlank()) {
			throw new IllegalArgumentException("pregunta vacía ❓");
		}
		return "Según la doc: " + this.docs.search(question);
	}

}
