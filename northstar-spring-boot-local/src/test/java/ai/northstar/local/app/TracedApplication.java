package ai.northstar.local.app;

import java.util.List;

import ai.northstar.ChatMessage;
import ai.northstar.ModelCall;
import ai.northstar.Northstar;
import ai.northstar.SpanKind;
import ai.northstar.annotation.NorthstarSpan;
import ai.northstar.annotation.NorthstarTrace;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/**
 * An application with only the starter and the local module: a traced agent asking a (fake) model and a tool.
 */
@SpringBootApplication
public class TracedApplication {

	/** The agent: one run per question, with a model span and a tool span. */
	@Service
	public static class Agent {

		private final Northstar northstar;

		private final Lookup lookup;

		Agent(Northstar northstar, Lookup lookup) {
			this.northstar = northstar;
			this.lookup = lookup;
		}

		@NorthstarTrace(name = "research-agent")
		public String ask(String question) {
			try (ModelCall call = this.northstar.modelCall("chat", "gpt-4o")) {
				call.recordInputMessages(List.of(ChatMessage.system("Réponds brièvement."), ChatMessage.user(question)));
				call.recordOutputMessage(ChatMessage.assistant("Je cherche « " + question + " » 🔎"));
				call.recordUsage(120, 30);
			}
			String found = this.lookup.search(question);
			this.northstar.currentTraceId().ifPresent((id) -> this.northstar.score(id, "answered", true));
			if (question.contains("fail")) {
				throw new IllegalStateException("Keine Antwort für " + question);
			}
			return "Antwort: " + found;
		}

	}

	/** A tool. */
	@Component
	public static class Lookup {

		@NorthstarSpan(kind = SpanKind.TOOL)
		public String search(String query) {
			return "résultat pour " + query;
		}

	}

}
