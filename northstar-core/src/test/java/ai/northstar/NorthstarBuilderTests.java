package ai.northstar;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link Northstar.Builder}.
 */
class NorthstarBuilderTests {

	@Test
	void shouldDeriveIngestUriFromProjectId() {
		Northstar client = Northstar.builder().apiKey("ns_secret").projectId("abcdefghijklmnopqrst").build();
		assertThat(client.endpoint())
			.hasToString("https://abcdefghijklmnopqrst.supabase.co/functions/v1/ingest-traces");
	}

	@Test
	void shouldPreferExplicitEndpointAndStripTrailingSlash() {
		Northstar client = Northstar.builder()
			.apiKey("ns_secret")
			.projectId("abc")
			.endpoint("https://northstar.example.com/ingest/")
			.build();
		assertThat(client.endpoint()).hasToString("https://northstar.example.com/ingest");
	}

	@Test
	void shouldRejectProjectIdThatIsNotLowerCaseLettersAndDigits() {
		assertThatIllegalArgumentException().isThrownBy(() -> Northstar.builder().projectId("My-Project"))
			.withMessage("projectId must be lower-case letters and digits ([a-z0-9]+), was 'My-Project'");
	}

	@Test
	void shouldRejectEndpointThatIsNotAnHttpUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> Northstar.builder().endpoint("ftp://host/x"))
			.withMessage("endpoint must be an absolute http(s) URL, was 'ftp://host/x'");
	}

	@Test
	void shouldRejectEndpointWithAPortOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> Northstar.builder().endpoint("http://127.0.0.1:99999/x"))
			.withMessage("endpoint must have a port from 1 to 65535, was 'http://127.0.0.1:99999/x'");
		assertThatIllegalArgumentException().isThrownBy(() -> Northstar.builder().endpoint("http://localhost:0"))
			.withMessage("endpoint must have a port from 1 to 65535, was 'http://localhost:0'");
		assertThat(Northstar.builder().endpoint("http://localhost:65535/x")).isNotNull();
	}

	@Test
	void shouldRequireApiKey() {
		assertThatIllegalStateException().isThrownBy(() -> Northstar.builder().projectId("abc").build())
			.withMessage("apiKey is required");
	}

	@Test
	void shouldRequireProjectIdOrEndpoint() {
		assertThatIllegalStateException().isThrownBy(() -> Northstar.builder().apiKey("ns_secret").build())
			.withMessage("projectId or endpoint is required");
	}

	@Test
	void shouldRejectInvalidLimitsNamingTheParameter() {
		assertThatIllegalArgumentException().isThrownBy(() -> Northstar.builder().maxQueueSize(0))
			.withMessage("maxQueueSize must be > 0, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> Northstar.builder().requestTimeout(Duration.ZERO))
			.withMessage("requestTimeout must be > 0, was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Northstar.builder().connectTimeout(Duration.ofSeconds(-1)))
			.withMessage("connectTimeout must be > 0, was PT-1S");
	}

	@Test
	void shouldDefaultToCapturingNoTypedEvent() {
		Northstar client = Northstar.builder().apiKey("ns_secret").projectId("abc").build();
		assertThat(client.captureOptions()).isEqualTo(CaptureOptions.none());
		assertThat(client.isEnabled()).isTrue();
	}

	@Test
	void shouldNeverShowTheApiKey() {
		Northstar client = Northstar.builder().apiKey("ns_topsecret").projectId("abc").build();
		assertThat(client.toString()).doesNotContain("ns_topsecret");
	}

	@Test
	void shouldBuildDisabledClientThatRecordsNothing() {
		Northstar client = Northstar.noop();
		assertThat(client.isEnabled()).isFalse();
		String result = client.trace("ignored", () -> {
			assertThat(client.currentTraceId()).isEmpty();
			return "value";
		});
		assertThat(result).isEqualTo("value");
		try (Session session = client.session()) {
			session.run("ignored").close();
		}
		assertThat(client.stats().pending()).isZero();
		assertThat(client.lastFlushedBatch().isEmpty()).isTrue();
	}

}
