package dev.newsflow.enrich.attribution;

import dev.newsflow.contract.Evidence;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.SourceKind;
import dev.newsflow.contract.SourceRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Collects attribution findings and merges them into one {@link SourceAttribution} per (source, role). */
final class Attributions {

    private final Map<String, Builder> byKey = new LinkedHashMap<>();

    /** A source as attributions name it: known ones by id, unknown ones by name. */
    record Source(String id, String name, SourceKind kind) {

        String key() {
            return id != null ? id : "name:" + name.toLowerCase(Locale.ROOT);
        }
    }

    void add(Source source, SourceRole role, double confidence, Evidence evidence) {
        Builder builder = byKey.computeIfAbsent(source.key() + "|" + role, key -> new Builder(source, role));
        builder.confidence = Math.max(builder.confidence, confidence);
        builder.evidence.add(evidence);
    }

    void affiliate(Source child, Source parent) {
        Builder builder = byKey.get(child.key() + "|" + SourceRole.CITED);
        if (builder != null && builder.affiliation == null) {
            builder.affiliation = parent;
        }
    }

    /** The most recent cited source of this kind before {@code offset} in {@code field}, for "ocenia agencja". */
    Optional<Source> lastCited(String field, int offset, SourceKind kind) {
        Source found = null;
        int best = -1;
        for (Builder builder : byKey.values()) {
            if (builder.role != SourceRole.CITED || kind != SourceKind.UNKNOWN && builder.source.kind() != kind) {
                continue;
            }
            for (Evidence evidence : builder.evidence) {
                if (evidence.field().equals(field) && evidence.end() <= offset && evidence.end() > best) {
                    best = evidence.end();
                    found = builder.source;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    List<SourceAttribution> build(java.util.function.Function<String, Optional<Source>> parentOf) {
        List<SourceAttribution> result = new ArrayList<>();
        for (Builder builder : byKey.values()) {
            Source affiliation = builder.affiliation;
            if (affiliation == null && builder.source.id() != null && builder.role == SourceRole.CITED) {
                affiliation = parentOf.apply(builder.source.id()).orElse(null);
            }
            int extra = builder.evidence.size() - 1;
            double confidence = Math.min(0.99, builder.confidence + 0.03 * extra);
            result.add(new SourceAttribution(builder.source.id(), builder.source.name(), builder.source.kind(),
                    builder.role, affiliation == null ? null : affiliation.id(),
                    affiliation == null ? null : affiliation.name(), Math.round(confidence * 100) / 100.0,
                    List.copyOf(builder.evidence)));
        }
        result.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
        return result;
    }

    private static final class Builder {
        final Source source;
        final SourceRole role;
        final Set<Evidence> evidence = new LinkedHashSet<>();
        double confidence;
        Source affiliation;

        Builder(Source source, SourceRole role) {
            this.source = source;
            this.role = role;
        }
    }
}
