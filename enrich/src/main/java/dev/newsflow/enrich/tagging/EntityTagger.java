package dev.newsflow.enrich.tagging;

import dev.newsflow.contract.Evidence;
import dev.newsflow.contract.Tag;
import dev.newsflow.enrich.kb.Entity;
import dev.newsflow.enrich.kb.KnowledgeBase;
import dev.newsflow.enrich.tagging.NameMatch.Strength;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tags places, people and organisations of the knowledge base found in the title and text.
 *
 * <p>Short names ("Kima") count only when a full name of the same entity appears in the article. An entity seen only
 * through adjectives or demonyms ("amerykański") needs two such mentions. Confidence grows with the weighted number
 * of mentions; a mention in the title weighs more. Every tag lists its mentions as evidence. Thread-safe.
 */
public final class EntityTagger {

    /** Evidence spans kept per tag; mentions are counted beyond it. */
    static final int MAX_EVIDENCE = 12;

    private static final double TITLE_WEIGHT = 1.5;

    private final KnowledgeBase knowledgeBase;

    public EntityTagger(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    static List<Gazetteer.Entry> entries(Collection<Entity> entities) {
        List<Gazetteer.Entry> entries = new ArrayList<>();
        for (Entity entity : entities) {
            entity.names().forEach((language, names) -> names.forEach(name ->
                    entries.add(new Gazetteer.Entry(entity.id(), Strength.NAME, language, name))));
            entity.forms().forEach((language, forms) -> forms.forEach(form ->
                    entries.add(new Gazetteer.Entry(entity.id(), Strength.FORM, language, form))));
            for (String shortName : shortNames(entity)) {
                entries.add(new Gazetteer.Entry(entity.id(), Strength.SHORT, "", shortName));
            }
        }
        return entries;
    }

    /** Declared short names, or for people the last word of each multi-word name ("Władimir Putin" -> Putin). */
    static Set<String> shortNames(Entity entity) {
        Set<String> shortNames = new HashSet<>(entity.shortNames());
        if (shortNames.isEmpty() && entity.type() == dev.newsflow.contract.TagType.PERSON) {
            entity.names().values().forEach(names -> names.forEach(name -> {
                String[] words = name.trim().split("\\s+");
                if (words.length > 1) {
                    shortNames.add(words[words.length - 1]);
                }
            }));
        }
        return shortNames;
    }

    /** Tags from the matches of all tagged fields (title and text). */
    public List<Tag> tag(List<NameMatch> matches) {
        Set<String> named = new HashSet<>();
        for (NameMatch match : matches) {
            if (match.strength() == Strength.NAME) {
                named.add(match.ownerId());
            }
        }
        Map<String, List<NameMatch>> byEntity = new LinkedHashMap<>();
        for (NameMatch match : matches) {
            if (match.strength() == Strength.SHORT && !named.contains(match.ownerId())) {
                continue;
            }
            byEntity.computeIfAbsent(match.ownerId(), id -> new ArrayList<>()).add(match);
        }
        List<Tag> tags = new ArrayList<>();
        byEntity.forEach((id, mentions) -> knowledgeBase.entity(id).ifPresent(entity -> {
            double score = 0;
            for (NameMatch mention : mentions) {
                score += weight(mention);
            }
            if (mentions.stream().allMatch(NameMatch::doubtful)) {
                return;
            }
            boolean formsOnly = mentions.stream().allMatch(m -> m.strength() == Strength.FORM);
            if (formsOnly && score < 1.0) {
                return;
            }
            tags.add(new Tag(entity.id(), entity.label(), entity.type(), mentions.size(), confidence(score),
                    evidence(mentions)));
        }));
        return tags;
    }

    private static double weight(NameMatch mention) {
        double base = switch (mention.strength()) {
            case NAME -> 1.0;
            case SHORT -> 0.8;
            default -> 0.5;
        };
        return Evidence.TITLE.equals(mention.field()) ? base * TITLE_WEIGHT : base;
    }

    static double confidence(double score) {
        double value = 1 - Math.exp(-score / 1.5);
        return Math.round(Math.max(0.3, Math.min(0.99, value)) * 100) / 100.0;
    }

    static List<Evidence> evidence(List<NameMatch> mentions) {
        List<Evidence> evidence = new ArrayList<>();
        for (NameMatch mention : mentions) {
            if (evidence.size() == MAX_EVIDENCE) {
                break;
            }
            evidence.add(mention.evidence());
        }
        return evidence;
    }
}
