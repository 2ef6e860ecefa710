package ai.northstar.spring.ai.openai;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback server that speaks OpenAI's chat-completions API ({@code POST /v1/chat/completions}) as the real service
 * does, for Spring AI's OpenAI model: canned JSON answers and server-sent-event streams, with tool calls, usage and
 * cached prompt tokens. A prompt without tool results asks for the {@code weather} tool of the last word of the user
 * message; a prompt with tool results answers in text.
 */
final class FakeOpenAiServer implements AutoCloseable {

	static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	FakeOpenAiServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/v1/chat/completions", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	List<JsonNode> requests() {
		return this.requests;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			JsonNode request = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
			this.requests.add(request);
			boolean toolResults = false;
			String question = "";
			for (JsonNode message : request.path("messages")) {
				if (message.path("role").asString("").equals("tool")) {
					toolResults = true;
				}
				if (message.path("role").asString("").equals("user")) {
					question = text(message.path("content"));
				}
			}
			String[] words = question.trim().split("\\s+");
			String city = words[words.length - 1].replaceAll("[?!.]+$", "");
			if (request.path("stream").asBoolean(false)) {
				stream(exchange, toolResults, city);
			}
			else {
				respond(exchange, 200, "application/json", completion(toolResults, city).toString());
			}
		}
	}

	private static String text(JsonNode content) {
		if (content.isString()) {
			return content.asString();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			text.append(part.path("text").asString(""));
		}
		return text.toString();
	}

	private static ObjectNode completion(boolean toolResults, String city) {
		ObjectNode completion = base("chat.completion");
		ObjectNode choice = completion.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		if (toolResults) {
			message.put("content", "Il fait beau à " + city + " ☀️");
			message.putNull("refusal");
			choice.put("finish_reason", "stop");
			usage(completion, 90, 15, 0);
		}
		else {
			message.putNull("content");
			message.putNull("refusal");
			ArrayNode calls = message.putArray("tool_calls");
			ObjectNode call = calls.addObject();
			call.put("id", "call_abc");
			call.put("type", "function");
			call.putObject("function").put("name", "weather").put("arguments", "{\"city\":\"" + city + "\"}");
			choice.put("finish_reason", "tool_calls");
			usage(completion, 50, 12, 32);
		}
		choice.putNull("logprobs");
		return completion;
	}

	private void stream(HttpExchange exchange, boolean toolResults, String city) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream body = exchange.getResponseBody();
		if (toolResults) {
			event(body, chunk((delta) -> delta.put("role", "assistant").put("content", ""), null));
			for (String part : List.of("Il fait ", "beau à ", city, " ☀️")) {
				event(body, chunk((delta) -> delta.put("content", part), null));
			}
			event(body, chunk((delta) -> {
			}, "stop"));
			event(body, usageChunk(90, 15, 0));
		}
		else {
			event(body, chunk((delta) -> {
				delta.put("role", "assistant");
				ObjectNode call = delta.putArray("tool_calls").addObject();
				call.put("index", 0);
				call.put("id", "call_s1");
				call.put("type", "function");
				call.putObject("function").put("name", "weather").put("arguments", "");
			}, null));
			for (String part : List.of("{\"city\":", "\"" + city + "\"}")) {
				event(body, chunk((delta) -> {
					ObjectNode call = delta.putArray("tool_calls").addObject();
					call.put("index", 0);
					call.putObject("function").put("arguments", part);
				}, null));
			}
			event(body, chunk((delta) -> {
			}, "tool_calls"));
			event(body, usageChunk(50, 12, 32));
		}
		body.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		body.flush();
	}

	private static ObjectNode chunk(java.util.function.Consumer<ObjectNode> delta, String finishReason) {
		ObjectNode chunk = base("chat.completion.chunk");
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", 0);
		delta.accept(choice.putObject("delta"));
		if (finishReason != null) {
			choice.put("finish_reason", finishReason);
		}
		else {
			choice.putNull("finish_reason");
		}
		return chunk;
	}

	private static ObjectNode usageChunk(int prompt, int completion, int cached) {
		ObjectNode chunk = base("chat.completion.chunk");
		chunk.putArray("choices");
		usage(chunk, prompt, completion, cached);
		return chunk;
	}

	private static ObjectNode base(String object) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("id", "chatcmpl-northstar");
		node.put("object", object);
		node.put("created", 1_764_000_000L);
		node.put("model", RESPONSE_MODEL);
		return node;
	}

	private static void usage(ObjectNode node, int prompt, int completion, int cached) {
		ObjectNode usage = node.putObject("usage");
		usage.put("prompt_tokens", prompt);
		usage.put("completion_tokens", completion);
		usage.put("total_tokens", prompt + completion);
		usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
	}

	private static void event(OutputStream body, ObjectNode data) throws IOException {
		body.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
		body.flush();
	}

	private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
