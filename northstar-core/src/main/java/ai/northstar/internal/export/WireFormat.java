package ai.northstar.internal.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import ai.northstar.data.Batch;
import ai.northstar.internal.WireText;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Writes and reads batches in the exact JSON of the NorthStar ingest protocol. Not API: subject to change without
 * notice.
 * <p>
 * Every character of every string and key is written as recorded (UTF-8, supplementary characters as one 4-byte
 * sequence), with exactly two exceptions that Postgres {@code jsonb} refuses and that would make the backend fail the
 * whole batch: U+0000 is removed, and a lone surrogate becomes U+FFFD (see {@link WireText}). The writer applies
 * them itself, on the exporting thread, to whatever it writes, so no record can carry either to the backend.
 * <p>
 * Batches are written by a writer of their own, not by the {@linkplain #mapper() mapper}, which writes other values
 * (trees, ids, timestamps) by the same rules and reads batches back.
 *
 * @since 0.1.0
 */
public final class WireFormat {

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder().addDecorator((factory, generator) -> new StorableTextGenerator(generator)).build())
		.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.addModule(new SimpleModule("northstar-wire").addSerializer(Instant.class, new IsoInstantSerializer())
			.addSerializer(java.util.UUID.class, new UuidSerializer()))
		.build();

	private static final BatchWriter WRITER = new BatchWriter(new TreeWriter(MAPPER::writeValueAsBytes,
			MAPPER.tokenStreamFactory().streamWriteConstraints().getMaxNestingDepth()));

	private WireFormat() {
	}

	/**
	 * Serializes a batch.
	 * @param batch the batch
	 * @return the UTF-8 JSON body
	 */
	public static byte[] write(Batch batch) {
		return WRITER.write(batch);
	}

	/**
	 * Serializes a batch to a string.
	 * @param batch the batch
	 * @return the JSON text
	 */
	public static String writeString(Batch batch) {
		return new String(WRITER.write(batch), StandardCharsets.UTF_8);
	}

	/**
	 * Reads a batch written by {@link #write(Batch)}, or by any NorthStar SDK.
	 * @param json the JSON text
	 * @return the batch
	 * @throws tools.jackson.core.JacksonException when the text is not a batch
	 */
	public static Batch read(String json) {
		return MAPPER.readValue(json, Batch.class);
	}

	/**
	 * Returns the mapper used for the wire format.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
