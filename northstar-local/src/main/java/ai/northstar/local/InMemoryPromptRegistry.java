package ai.northstar.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The prompts of a {@link LocalStore}, in memory. Thread-safe.
 */
final class InMemoryPromptRegistry implements PromptRegistry {

	private final Object lock = new Object();

	/** Definitions by version id. */
	private final Map<UUID, PromptDefinition> definitions = new LinkedHashMap<>();

	/** For each prompt slug, the version id each label points at. */
	private final Map<String, Map<String, UUID>> labels = new LinkedHashMap<>();

	@Override
	public PromptVersion define(PromptDefinition definition) {
		Objects.requireNonNull(definition, "definition must not be null");
		synchronized (this.lock) {
			this.definitions.put(definition.versionId(), definition);
			Map<String, UUID> prompt = this.labels.computeIfAbsent(definition.slug(), (slug) -> new LinkedHashMap<>());
			definition.labels().forEach((label) -> prompt.put(label, definition.versionId()));
			return toVersion(definition);
		}
	}

	@Override
	public Optional<PromptVersion> resolve(String slug, String label, @Nullable Integer version) {
		synchronized (this.lock) {
			for (PromptDefinition definition : this.definitions.values()) {
				if (!matches(definition, slug)) {
					continue;
				}
				boolean chosen = (version != null) ? definition.version() == version
						: definition.versionId().equals(this.labels.get(definition.slug()).get(label));
				if (chosen) {
					return Optional.of(toVersion(definition));
				}
			}
			return Optional.empty();
		}
	}

	@Override
	public Optional<PromptVersion> version(UUID id) {
		synchronized (this.lock) {
			PromptDefinition definition = this.definitions.get(id);
			return (definition != null) ? Optional.of(toVersion(definition)) : Optional.empty();
		}
	}

	@Override
	public List<PromptVersion> versions() {
		synchronized (this.lock) {
			List<PromptVersion> versions = new ArrayList<>();
			this.definitions.values().forEach((definition) -> versions.add(toVersion(definition)));
			versions.sort(Comparator.comparing(PromptVersion::name).thenComparingInt(PromptVersion::versionNumber));
			return List.copyOf(versions);
		}
	}

	private static boolean matches(PromptDefinition definition, String slug) {
		return definition.slug().equals(slug)
				|| definition.name().toLowerCase(Locale.ROOT).equals(slug.toLowerCase(Locale.ROOT));
	}

	private PromptVersion toVersion(PromptDefinition definition) {
		List<String> pointing = new ArrayList<>();
		this.labels.getOrDefault(definition.slug(), Map.of()).forEach((label, id) -> {
			if (id.equals(definition.versionId())) {
				pointing.add(label);
			}
		});
		return PromptVersion.of(definition, pointing);
	}

}
