package dev.newsflow.enrich.eval;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.Tag;
import dev.newsflow.contract.TagType;
import dev.newsflow.enrich.eval.Gold.GoldSource;
import dev.newsflow.enrich.eval.Gold.GoldTag;
import dev.newsflow.enrich.kb.Entity;
import dev.newsflow.enrich.kb.KnowledgeBase;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scores enriched articles against gold. Names are compared loosely (case, accents, punctuation and a leading "the"
 * ignored), and through the knowledge base: a source or tag with an id also answers to every name its entity has
 * ("AP" is "Associated Press"); a gold tag with a Wikidata id matches a tag with that id.
 */
public final class Evaluation {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final KnowledgeBase knowledgeBase;

    public Evaluation(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    /** One document's result, with what was missed and what was found wrongly, for reading. */
    public record Result(String document, String language, Score sources, Score tags, List<String> missedSources,
                         List<String> wrongSources, List<String> missedTags, List<String> wrongTags,
                         List<String> forbiddenTagsFound) {
    }

    public Result score(Gold gold, EnrichedArticle article) {
        List<String> missedSources = new ArrayList<>();
        List<String> wrongSources = new ArrayList<>();
        int sourcesFound = 0;
        for (GoldSource wanted : gold.requiredSources()) {
            if (article.sources().stream().anyMatch(found -> matches(found, wanted))) {
                sourcesFound++;
            } else {
                missedSources.add(wanted.name() + " (" + wanted.role() + ")");
            }
        }
        int sourcesCorrect = 0;
        for (SourceAttribution found : article.sources()) {
            boolean correct = gold.requiredSources().stream().anyMatch(wanted -> matches(found, wanted))
                    || gold.optionalSources().stream().anyMatch(wanted -> matches(found, wanted));
            if (correct) {
                sourcesCorrect++;
            } else {
                wrongSources.add(found.name() + " (" + roleName(found) + ")");
            }
        }
        Score sources = new Score(gold.requiredSources().size(), sourcesFound, article.sources().size(),
                sourcesCorrect);

        List<String> missedTags = new ArrayList<>();
        List<String> wrongTags = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        Score tags = Score.ZERO;
        for (Tag found : article.tags()) {
            if (gold.forbiddenTags().stream().anyMatch(label -> names(found).contains(normalise(label)))) {
                forbidden.add(found.label());
            }
        }
        if (gold.tagsLabelled()) {
            int tagsFound = 0;
            for (GoldTag wanted : gold.requiredTags()) {
                if (article.tags().stream().anyMatch(found -> matches(found, wanted))) {
                    tagsFound++;
                } else {
                    missedTags.add(wanted.label());
                }
            }
            int tagsCorrect = 0;
            for (Tag found : article.tags()) {
                boolean correct = gold.requiredTags().stream().anyMatch(wanted -> matches(found, wanted))
                        || gold.optionalTags().stream().anyMatch(wanted -> matches(found, wanted));
                if (correct) {
                    tagsCorrect++;
                } else {
                    wrongTags.add(found.label());
                }
            }
            tags = new Score(gold.requiredTags().size(), tagsFound, article.tags().size(), tagsCorrect);
        }
        return new Result(gold.document(), gold.language(), sources, tags, missedSources, wrongSources, missedTags,
                wrongTags, forbidden);
    }

    private boolean matches(SourceAttribution found, GoldSource wanted) {
        if (!roleName(found).equalsIgnoreCase(wanted.role())) {
            return false;
        }
        Set<String> names = new HashSet<>();
        names.add(normalise(found.name()));
        if (found.id() != null) {
            knowledgeBase.entity(found.id()).ifPresent(entity -> names.addAll(names(entity)));
        }
        return names.contains(normalise(wanted.name()))
                || wanted.aliases().stream().anyMatch(alias -> names.contains(normalise(alias)));
    }

    private boolean matches(Tag found, GoldTag wanted) {
        if (wanted.id() != null && wanted.id().equals(found.id())) {
            return true;
        }
        if (wanted.type() != null && !typeName(found.type()).equalsIgnoreCase(wanted.type())) {
            return false;
        }
        Set<String> names = names(found);
        return names.contains(normalise(wanted.label()))
                || wanted.aliases().stream().anyMatch(alias -> names.contains(normalise(alias)));
    }

    private Set<String> names(Tag tag) {
        Set<String> names = new HashSet<>();
        names.add(normalise(tag.label()));
        knowledgeBase.entity(tag.id()).ifPresent(entity -> names.addAll(names(entity)));
        knowledgeBase.topic(tag.id()).ifPresent(topic -> names.add(normalise(topic.label())));
        return names;
    }

    private static Set<String> names(Entity entity) {
        Set<String> names = new HashSet<>();
        if (entity.label() != null) {
            names.add(normalise(entity.label()));
        }
        entity.names().values().forEach(list -> list.forEach(name -> names.add(normalise(name))));
        entity.creditNames().forEach(name -> names.add(normalise(name)));
        if (entity.source() != null && entity.source().name() != null) {
            names.add(normalise(entity.source().name()));
        }
        return names;
    }

    private static String roleName(SourceAttribution source) {
        return source.role().name().toLowerCase(Locale.ROOT);
    }

    private static String typeName(TagType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** "The Associated Press" and "associated press" compare equal; so do "Pjongjang" and "pjongjang". */
    static String normalise(String name) {
        String plain = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("")
                .replace('ł', 'l').replace('Ł', 'L').toLowerCase(Locale.ROOT);
        String words = NON_ALPHANUMERIC.matcher(plain).replaceAll(" ").strip();
        return words.startsWith("the ") ? words.substring(4) : words;
    }
}
