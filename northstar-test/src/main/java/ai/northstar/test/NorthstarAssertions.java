package ai.northstar.test;

/**
 * Entry point of the AssertJ assertions on what a {@link NorthstarRecorder} recorded.
 *
 * <pre>{@code
 * import static ai.northstar.test.NorthstarAssertions.assertThat;
 *
 * assertThat(recorder.awaitRuns(1).get(0)).isOk().hasToolCalls("search_docs");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NorthstarAssertions {

	private NorthstarAssertions() {
	}

	/**
	 * Returns assertions on a recorded run.
	 * @param run the run
	 * @return the assertions
	 */
	public static RecordedRunAssert assertThat(RecordedRun run) {
		return new RecordedRunAssert(run);
	}

}
