package ai.northstar.internal.export;

import java.io.Reader;

import ai.northstar.internal.WireText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * A generator that applies {@link WireText}'s two rules to every string and property name before the wrapped
 * generator writes it. Clean text, the usual case, goes through after one pass over its characters, uncopied.
 * Serialized strings (enum values, names) are checked the same way and, being clean, passed on as they are, keeping
 * their pre-encoded bytes; the protocol's own field names and enum values, made with {@link #checked}, were checked
 * once, when made, and are passed on unscanned.
 */
final class StorableTextGenerator extends JsonGeneratorDelegate {

	StorableTextGenerator(JsonGenerator delegate) {
		// false: trees and POJOs are written through this generator, so their strings are checked too.
		super(delegate, false);
	}

	@Override
	public JsonGenerator writeName(String name) throws JacksonException {
		this.delegate.writeName(WireText.sanitize(name));
		return this;
	}

	@Override
	public JsonGenerator writeString(String text) throws JacksonException {
		if (text == null) {
			this.delegate.writeNull();
		}
		else {
			this.delegate.writeString(WireText.sanitize(text));
		}
		return this;
	}

	@Override
	public JsonGenerator writeString(char[] text, int offset, int length) throws JacksonException {
		String rewritten = WireText.sanitizeOrNull(text, offset, length);
		if (rewritten == null) {
			this.delegate.writeString(text, offset, length);
		}
		else {
			this.delegate.writeString(rewritten);
		}
		return this;
	}

	@Override
	public JsonGenerator writeString(Reader reader, int length) throws JacksonException {
		// Read the text whole so the rules see surrogate pairs together; nothing in a batch is written this way.
		StringBuilder text = new StringBuilder(Math.max(16, length));
		char[] buffer = new char[4096];
		try {
			int read;
			while ((length < 0 || text.length() < length) && (read = reader.read(buffer)) >= 0) {
				text.append(buffer, 0, read);
			}
		}
		catch (java.io.IOException ex) {
			throw tools.jackson.core.exc.JacksonIOException.construct(ex);
		}
		return writeString((length >= 0 && text.length() > length) ? text.substring(0, length) : text.toString());
	}

	@Override
	public JsonGenerator writeString(SerializableString text) throws JacksonException {
		if (text instanceof CheckedText) {
			this.delegate.writeString(text);
			return this;
		}
		String value = text.getValue();
		if (WireText.needsRewrite(value)) {
			this.delegate.writeString(WireText.sanitize(value));
		}
		else {
			this.delegate.writeString(text);
		}
		return this;
	}

	@Override
	public JsonGenerator writeName(SerializableString name) throws JacksonException {
		if (name instanceof CheckedText) {
			this.delegate.writeName(name);
			return this;
		}
		String value = name.getValue();
		if (WireText.needsRewrite(value)) {
			this.delegate.writeName(WireText.sanitize(value));
		}
		else {
			this.delegate.writeName(name);
		}
		return this;
	}

	/**
	 * Returns a text checked against the two rules once, now, so that writing it, as a name or as a value, skips the
	 * check: the serializers' field names and enum values, written several times per record.
	 * @param text the text
	 * @return the text, ready to write
	 * @throws IllegalArgumentException when the rules would change the text
	 */
	static SerializableString checked(String text) {
		return new CheckedText(text);
	}

	/** A text that holds neither U+0000 nor a lone surrogate, checked when made. */
	private static final class CheckedText extends SerializedString {

		private static final long serialVersionUID = 1L;

		CheckedText(String text) {
			super(text);
			if (WireText.needsRewrite(text)) {
				throw new IllegalArgumentException("A checked text must hold neither U+0000 nor a lone surrogate");
			}
		}

	}

}
