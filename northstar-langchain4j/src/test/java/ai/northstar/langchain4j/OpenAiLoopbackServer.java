package ai.northstar.langchain4j;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback HTTP server answering {@code POST /v1/chat/completions} as OpenAI's chat-completions API does, in JSON
 * or as a server-sent-event stream ({@code "stream": true}): a conversation without tool results gets a call of the
 * {@code weather} tool for the last word of the user message, one with tool results gets a text answer. Usage is
 * reported with cached prompt tokens.
 */
final class OpenAiLoopbackServer implements AutoCloseable {

	static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	private final HttpServer server;

	final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	OpenAiLoopbackServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/v1/chat/completions", this::answer);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			JsonNode request = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
			this.requests.add(request);
			boolean answered = false;
			String question = "";
			for (JsonNode message : request.path("messages")) {
				String role = message.path("role").asString("");
				if (role.equals("tool")) {
					answered = true;
				}
				else if (role.equals("user")) {
					question = message.path("content").isString() ? message.path("content").asString()
							: message.path("content").path(0).path("text").asString("");
				}
			}
			String[] words = question.trim().split("\\s+");
			String city = words[words.length - 1].replaceAll("[?!.]+$", "");
			if (request.path("stream").asBoolean(false)) {
				stream(exchange, answered, city);
			}
			else {
				byte[] body = completion(answered, city).toString().getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
			}
		}
	}

	private static ObjectNode completion(boolean answered, String city) {
		ObjectNode completion = envelope("chat.completion");
		ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
		ObjectNode message = choice.putObject("message").put("role", "assistant");
		if (answered) {
			message.put("content", "Il fait beau à " + city + " ☀️");
			choice.put("finish_reason", "stop");
			usage(completion, 90, 15, 0);
		}
		else {
			message.putNull("content");
			ObjectNode call = message.putArray("tool_calls").addObject();
			call.put("id", "call_7f").put("type", "function");
			call.putObject("function").put("name", "weather").put("arguments", "{\"city\":\"" + city + "\"}");
			choice.put("finish_reason", "tool_calls");
			usage(completion, 50, 12, 32);
		}
		return completion;
	}

	private static void stream(HttpExchange exchange, boolean answered, String city) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream body = exchange.getResponseBody();
		List<ObjectNode> chunks = new ArrayList<>();
		if (answered) {
			chunks.add(chunk(Map.of("role", "assistant", "content", ""), null));
			for (String part : List.of("Il fait ", "beau à ", city, " ☀️")) {
				chunks.add(chunk(Map.of("content", part), null));
			}
			chunks.add(chunk(Map.of(), "stop"));
			ObjectNode usage = envelope("chat.completion.chunk");
			usage.putArray("choices");
			usage(usage, 90, 15, 0);
			chunks.add(usage);
		}
		else {
			ObjectNode first = chunk(Map.of("role", "assistant"), null);
			ObjectNode call = ((ObjectNode) first.path("choices").path(0).path("delta")).putArray("tool_calls")
				.addObject();
			call.put("index", 0).put("id", "call_s9").put("type", "function");
			call.putObject("function").put("name", "weather").put("arguments", "");
			chunks.add(first);
			for (String part : List.of("{\"city\":", "\"" + city + "\"}")) {
				ObjectNode next = chunk(Map.of(), null);
				ObjectNode delta = ((ObjectNode) next.path("choices").path(0).path("delta")).putArray("tool_calls")
					.addObject();
				delta.put("index", 0);
				delta.putObject("function").put("arguments", part);
				chunks.add(next);
			}
			chunks.add(chunk(Map.of(), "tool_calls"));
			ObjectNode usage = envelope("chat.completion.chunk");
			usage.putArray("choices");
			usage(usage, 50, 12, 32);
			chunks.add(usage);
		}
		for (ObjectNode chunk : chunks) {
			body.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
			body.flush();
		}
		body.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		body.flush();
	}

	private static ObjectNode chunk(Map<String, String> delta, String finishReason) {
		ObjectNode chunk = envelope("chat.completion.chunk");
		ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
		ObjectNode deltaNode = choice.putObject("delta");
		delta.forEach(deltaNode::put);
		if (finishReason != null) {
			choice.put("finish_reason", finishReason);
		}
		else {
			choice.putNull("finish_reason");
		}
		return chunk;
	}

	private static ObjectNode envelope(String object) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("id", "chatcmpl-loopback").put("object", object).put("created", 1_764_000_000L);
		node.put("model", RESPONSE_MODEL);
		return node;
	}

	private static void usage(ObjectNode node, int prompt, int completion, int cached) {
		ObjectNode usage = node.putObject("usage");
		usage.put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion);
		usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
