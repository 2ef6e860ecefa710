package ai.northstar.prompt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import ai.northstar.ModelCall;
import ai.northstar.Northstar;
import ai.northstar.NorthstarException;
import ai.northstar.internal.Throwables;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.PromptVersion;
import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.JdkHttpIngestTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Northstar#prompts()}: the client's own prompts, their builder options, their threads, and many
 * threads pulling and binding at once.
 */
class ClientPromptsTests {

	private LocalIngestServer server;

	private PromptVersion version;

	@BeforeEach
	void start() {
		this.server = LocalIngestServer.builder().apiKey(PromptTestSupport.API_KEY).build();
		this.version = this.server.store().prompts().define("support-answer", 1, List.of("prod"),
				"Answer {{ question }} 😀", null, null, null, List.of("question"));
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void shouldUseTheDefaultsWhenTheBuilderSetsNothing() {
		try (Northstar client = PromptTestSupport.clientBuilder(this.server).build()) {
			assertThat(client.prompts().cacheTtl()).isEqualTo(Duration.ofSeconds(60));
			assertThat(client.prompts().fallbackLocation()).isEqualTo("classpath:/northstar/prompts/");
			assertThat(client.prompts()).isSameAs(client.prompts());
		}
	}

	@Test
	void shouldApplyTheBuilderOptionsWhenSet() {
		AtomicInteger sent = new AtomicInteger();
		JdkHttpIngestTransport real = JdkHttpIngestTransport.builder()
			.endpoint(Prompts.resolveUri(this.server.ingestUri()))
			.apiKey(PromptTestSupport.API_KEY)
			.build();
		IngestTransport counting = (body) -> {
			sent.incrementAndGet();
			return real.send(body);
		};
		try (Northstar client = PromptTestSupport.clientBuilder(this.server)
			.promptCacheTtl(Duration.ofMinutes(5))
			.promptFallbackLocation("file:/etc/northstar/prompts")
			.promptTransport(counting)
			.build()) {
			assertThat(client.prompts().cacheTtl()).isEqualTo(Duration.ofMinutes(5));
			assertThat(client.prompts().fallbackLocation()).isEqualTo("file:/etc/northstar/prompts");
			assertThat(client.prompts().get("support-answer").versionId()).isEqualTo(this.version.id());
			assertThat(sent).hasValue(1);
		}
		finally {
			real.close();
		}
	}

	@Test
	void shouldFailWithTheSdksExceptionWhenTheTransportFailsWithAnUnreadableMessage() {
		IngestTransport unreadable = (body) -> {
			throw new IllegalStateException() {

				@Override
				public String getMessage() {
					throw new UnsupportedOperationException("message lost — 消息丢失 🫥");
				}

			};
		};
		IngestTransport unreadableLater = (body) -> CompletableFuture.failedFuture(new IllegalStateException() {

			@Override
			public String getMessage() {
				throw new UnsupportedOperationException("message lost — 消息丢失 🫥");
			}

		});
		for (IngestTransport transport : List.of(unreadable, unreadableLater)) {
			try (Northstar client = PromptTestSupport.clientBuilder(this.server).promptTransport(transport).build()) {
				assertThatExceptionOfType(NorthstarException.class)
					.isThrownBy(() -> client.prompts().get("no-fallback-for-this-one"))
					.withMessageContaining(Throwables.UNAVAILABLE);
			}
		}
	}

	@Test
	void shouldRefuseInvalidOptionsWithMessagesNamingThem() {
		Northstar.Builder builder = Northstar.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.promptCacheTtl(Duration.ZERO))
			.withMessage("promptCacheTtl must be > 0, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.promptFallbackLocation(" "))
			.withMessage("promptFallbackLocation must not be blank");
	}

	@Test
	void shouldStartNoThreadUntilAPromptIsPulled() {
		try (Northstar client = PromptTestSupport.clientBuilder(this.server).build()) {
			// The client's ingest transport is built with the client: only what prompts start counts.
			Set<Thread> before = Thread.getAllStackTraces().keySet();
			Prompts prompts = client.prompts();
			assertThat(prompts.cacheTtl()).isPositive();
			assertThat(newThreads(before)).isEmpty();
			prompts.get("support-answer");
			assertThat(newThreads(before)).isNotEmpty();
		}
	}

	@Test
	void shouldServeWhatIsCachedAndAskNothingMoreWhenTheClientIsClosed() {
		Northstar client = PromptTestSupport.clientBuilder(this.server).build();
		Prompt cached = client.prompts().get("support-answer");
		client.close();
		assertThat(client.prompts().get("support-answer")).isSameAs(cached);
		assertThatExceptionOfType(NorthstarException.class).isThrownBy(() -> client.prompts().get("other"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("closed"));
		assertThat(PromptTestSupport.resolveRequests(this.server)).hasSize(1);
	}

	@Test
	@Timeout(60)
	void shouldSendOneRequestWhenManyThreadsAskForTheSameUncachedPromptAtOnce() throws Exception {
		CompletableFuture<Void> gate = new CompletableFuture<>();
		AtomicInteger sent = new AtomicInteger();
		JdkHttpIngestTransport real = JdkHttpIngestTransport.builder()
			.endpoint(Prompts.resolveUri(this.server.ingestUri()))
			.apiKey(PromptTestSupport.API_KEY)
			.build();
		IngestTransport gated = (body) -> {
			sent.incrementAndGet();
			return gate.thenCompose((ignored) -> real.send(body));
		};
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try (Northstar client = PromptTestSupport.clientBuilder(this.server).promptTransport(gated).build()) {
			List<Thread> workers = new ArrayList<>();
			List<Future<Prompt>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(pool.submit(() -> {
					synchronized (workers) {
						workers.add(Thread.currentThread());
					}
					return client.prompts().get("support-answer");
				}));
			}
			// Every thread waits for the one request before it is let through.
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				synchronized (workers) {
					return workers.size() == threads && workers.stream()
						.allMatch((thread) -> thread.getState() == Thread.State.TIMED_WAITING);
				}
			});
			gate.complete(null);
			Set<UUID> ids = new java.util.HashSet<>();
			for (Future<Prompt> result : results) {
				ids.add(result.get().versionId());
			}
			assertThat(ids).containsExactly(this.version.id());
			assertThat(sent).hasValue(1);
		}
		finally {
			pool.shutdownNow();
			real.close();
		}
	}

	@Test
	@Timeout(60)
	void shouldStoreEveryLinkWhenManyThreadsPullCompileAndBindAtOnce() throws Exception {
		int threads = 8;
		int callsPerThread = 25;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try (Northstar client = PromptTestSupport.clientBuilder(this.server).build()) {
			List<Future<List<UUID>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				results.add(pool.submit(() -> {
					List<UUID> spans = new ArrayList<>();
					client.trace("agent-" + thread, () -> {
						for (int i = 0; i < callsPerThread; i++) {
							CompiledPrompt compiled = client.prompts()
								.get("support-answer")
								.compile(Map.of("question", "질문 " + thread + "/" + i + " 😀"));
							try (ModelCall call = client.modelCall("chat gpt-4o", "gpt-4o")) {
								compiled.bind();
								spans.add(call.span().orElseThrow().id());
							}
						}
						return null;
					});
					return spans;
				}));
			}
			List<UUID> spans = new ArrayList<>();
			for (Future<List<UUID>> result : results) {
				spans.addAll(result.get());
			}
			client.flush();
			assertThat(this.server.store().rejectionMessages()).isEmpty();
			assertThat(this.server.store().promptLinks()).hasSize(threads * callsPerThread)
				.allSatisfy((link) -> assertThat(link.promptVersionId()).isEqualTo(this.version.id()));
			assertThat(this.server.store().promptLinks().stream().map((link) -> link.spanId()))
				.containsExactlyInAnyOrderElementsOf(spans);
			assertThat(PromptTestSupport.resolveRequests(this.server)).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static Set<String> newThreads(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread))
			.map(Thread::getName)
			.filter((name) -> name.startsWith("HttpClient") || name.startsWith("northstar"))
			.collect(Collectors.toSet());
	}

}
