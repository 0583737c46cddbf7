package dev.newsflow.contract;

import java.util.List;
import java.util.Objects;

/**
 * Something an article is about, linked to a stable id.
 *
 * @param id         stable id: a Wikidata QID ({@code Q159}), an IPTC Media Topic ({@code medtop:20000621}) or a
 *                   namespaced slug ({@code newsflow:...})
 * @param label      English label
 * @param type       what kind of thing it is
 * @param mentions   how many times the article mentions it
 * @param confidence 0..1
 * @param evidence   the spans that mention it
 */
public record Tag(String id, String label, TagType type, int mentions, double confidence, List<Evidence> evidence) {

    public Tag {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        type = type == null ? TagType.UNKNOWN : type;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
