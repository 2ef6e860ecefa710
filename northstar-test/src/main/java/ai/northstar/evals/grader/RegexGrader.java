package ai.northstar.evals.grader;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.northstar.evals.EvalCase;
import ai.northstar.evals.EvalRun;
import ai.northstar.evals.GradeResult;
import ai.northstar.evals.Grader;
import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Passes when a regular expression is found in a target: the final response ({@code final_response} or
 * {@code output}, the default), or a dotted path into the case ({@code case.expected.goal}) or the normalized run
 * ({@code run.tool_calls}); a target that is not text is searched as sorted JSON, and a missing target fails. Flags
 * are {@code ignorecase}, {@code multiline} and {@code dotall}; character classes are Unicode-aware, as in Python.
 * Obtained from {@link Graders#regex(String, String, String, String...)}.
 *
 * @since 0.1.0
 */
public final class RegexGrader implements Grader {

	private final String name;

	private final String pattern;

	private final String target;

	private final List<String> flags;

	private final Pattern regex;

	RegexGrader(String name, String pattern, String target, List<String> flags) {
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.pattern = Objects.requireNonNull(pattern, "pattern must not be null");
		this.target = Objects.requireNonNull(target, "target must not be null");
		this.flags = List.copyOf(flags);
		this.regex = Pattern.compile(pattern, flags(this.flags));
	}

	private static int flags(List<String> flags) {
		int compiled = Pattern.UNICODE_CHARACTER_CLASS;
		for (String flag : flags) {
			compiled |= switch (flag.toLowerCase(Locale.ROOT)) {
				case "ignorecase" -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
				case "multiline" -> Pattern.MULTILINE;
				case "dotall" -> Pattern.DOTALL;
				default -> throw new IllegalArgumentException(
						"Unsupported regex flag '" + flag + "'. Use ignorecase, multiline, or dotall.");
			};
		}
		return compiled;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public GradeResult grade(EvalCase evalCase, EvalRun run) {
		JsonNode value = target(evalCase, run);
		if (value == null || value.isNull()) {
			return GradeResult.failed(this.name, "Regex target `" + this.target + "` was not found.",
					EvalJson.map("target", this.target, "pattern", this.pattern));
		}
		Matcher matcher = this.regex.matcher(EvalJson.text(value));
		boolean found = matcher.find();
		return CustomResults.toGrade(this.name, EvalJson.toJson(found), "Regex matched the target.",
				"Regex did not match the target.", EvalJson.map("kind", "regex", "target", this.target, "pattern",
						this.pattern, "flags", this.flags, "match", found ? matcher.group() : null));
	}

	private @Nullable JsonNode target(EvalCase evalCase, EvalRun run) {
		if (this.target.equals("output") || this.target.equals("final_response")) {
			return EvalJson.toJson(run.finalResponse());
		}
		if (this.target.startsWith("case.")) {
			return dotted(evalCase.toJson(), this.target.substring("case.".length()));
		}
		if (this.target.startsWith("run.")) {
			return dotted(run.toJson(), this.target.substring("run.".length()));
		}
		return null;
	}

	private static @Nullable JsonNode dotted(JsonNode value, String path) {
		JsonNode current = value;
		for (String part : path.split("\\.", -1)) {
			if (!current.isObject() || !current.has(part)) {
				return null;
			}
			current = current.get(part);
		}
		return current;
	}

}
