package ai.northstar.test.spring.app;

import ai.northstar.SpanKind;
import ai.northstar.annotation.NorthstarSpan;
import org.springframework.stereotype.Component;

/**
 * A traced tool.
 */
@Component
public class DocsTool {

	@NorthstarSpan(name = "search_docs", kind = SpanKind.TOOL)
	public String search(String query) {
		return "Reembolsos en 30 días 🧾 (" + query + ")";
	}

}
