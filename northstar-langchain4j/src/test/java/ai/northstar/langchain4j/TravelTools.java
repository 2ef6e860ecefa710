package ai.northstar.langchain4j;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.northstar.TraceContext;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/**
 * The tools of the test agent: the weather of a city (Atlantis has none: the tool fails) and a packing list for a
 * forecast. Each notes the trace context it ran in.
 */
public class TravelTools {

	final List<TraceContext> contexts = new CopyOnWriteArrayList<>();

	@Tool(name = "weather", value = "The weather of a city")
	public String weather(@P("the city") String city) {
		this.contexts.add(TraceContext.current());
		if (city.equals("Atlantis")) {
			throw new IllegalStateException("Atlantis est sous l'eau 🌊");
		}
		return "ensoleillé, 24 °C à " + city + " ☀️";
	}

	@Tool(name = "packing_list", value = "What to pack for a forecast")
	public String packingList(@P("the forecast") String forecast) {
		this.contexts.add(TraceContext.current());
		return forecast.contains("ensoleillé") ? "lunettes de soleil 😎, 帽子" : "parapluie ☂️";
	}

}
