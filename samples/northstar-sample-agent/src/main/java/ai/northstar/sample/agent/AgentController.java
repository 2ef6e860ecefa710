package ai.northstar.sample.agent;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The agent's HTTP endpoints: {@code POST /agent/ask {"question": "..."}} answers with an {@link Answer}, or
 * {@code 422} with a problem detail when the agent found nothing; {@code POST /agent/stream {"question": "..."}}
 * streams the answer as server-sent events ({@code chunk} events whose {@code id} is the run's trace id, then a
 * {@code done} event).
 *
 * @since 0.1.0
 */
@RestController
@RequestMapping("/agent")
public class AgentController {

	/** The longest question accepted. */
	public static final int MAX_QUESTION_LENGTH = 2000;

	private final ResearchAgent agent;

	/**
	 * Creates the controller.
	 * @param agent the agent
	 */
	public AgentController(ResearchAgent agent) {
		this.agent = agent;
	}

	/**
	 * Researches a question. The agent blocks while its tools run, so it runs on a worker thread, not on the
	 * server's event loop.
	 * @param request the question
	 * @return the answer
	 */
	@PostMapping("/ask")
	public Mono<Answer> ask(@RequestBody AskRequest request) {
		String question = validate(request.question());
		return Mono.fromCallable(() -> this.agent.ask(question)).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Researches a question and streams the answer as server-sent events.
	 * @param request the question
	 * @return the events
	 */
	@PostMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Flux<ServerSentEvent<String>> stream(@RequestBody AskRequest request) {
		String question = validate(request.question());
		Flux<ServerSentEvent<String>> chunks = Flux.defer(() -> this.agent.stream(question))
			.map((chunk) -> {
				ServerSentEvent.Builder<String> event = ServerSentEvent.builder(chunk.text()).event("chunk");
				if (chunk.traceId() != null) {
					event.id(chunk.traceId().toString());
				}
				return event.build();
			});
		return chunks.concatWith(Mono.just(ServerSentEvent.builder("").event("done").build()))
			.subscribeOn(Schedulers.boundedElastic());
	}

	private static String validate(@Nullable String question) {
		if (question == null || question.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "question must not be blank");
		}
		if (question.length() > MAX_QUESTION_LENGTH) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"question must be at most " + MAX_QUESTION_LENGTH + " characters, was " + question.length());
		}
		return question.strip();
	}

	/**
	 * Answers {@code 422} when the agent found nothing, with the id of the run that recorded the attempt.
	 * @param ex the exception
	 * @return the problem detail
	 */
	@ExceptionHandler(NoAnswerException.class)
	public ProblemDetail noAnswer(NoAnswerException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("No answer");
		if (ex.getTraceId() != null) {
			problem.setProperty("traceId", ex.getTraceId());
		}
		return problem;
	}

}
