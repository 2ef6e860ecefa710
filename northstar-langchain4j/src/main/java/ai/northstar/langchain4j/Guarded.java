package ai.northstar.langchain4j;

import java.util.function.Supplier;

import ai.northstar.internal.Throwables;
import org.jspecify.annotations.Nullable;

/**
 * Runs a recording step so that nothing it throws reaches LangChain4j or the application: a failure of tracing (or a
 * LangChain4j version whose listener types differ) leaves that step unrecorded. Only a {@link VirtualMachineError}
 * passes.
 */
final class Guarded {

	private Guarded() {
	}

	static void run(Runnable step) {
		try {
			step.run();
		}
		catch (Throwable ex) {
			rethrowFatal(ex);
		}
	}

	static <T> @Nullable T get(Supplier<T> step) {
		try {
			return step.get();
		}
		catch (Throwable ex) {
			rethrowFatal(ex);
			return null;
		}
	}

	private static void rethrowFatal(Throwable ex) {
		Throwables.rethrowIfFatal(ex);
	}

}
