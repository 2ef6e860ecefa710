package ai.northstar.annotation;

/**
 * Whether an annotated method's arguments or result are captured.
 *
 * @since 0.1.0
 */
public enum CaptureMode {

	/** Follow the {@code northstar.capture-inputs} / {@code northstar.capture-outputs} properties. */
	DEFAULT,

	/** Capture. */
	ENABLED,

	/** Do not capture, such as for methods handling personal data. */
	DISABLED

}
