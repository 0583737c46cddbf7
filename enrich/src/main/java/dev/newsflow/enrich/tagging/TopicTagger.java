package dev.newsflow.enrich.tagging;

import dev.newsflow.contract.Evidence;
import dev.newsflow.contract.Tag;
import dev.newsflow.contract.TagType;
import dev.newsflow.enrich.kb.KnowledgeBase;
import dev.newsflow.enrich.kb.Topic;
import dev.newsflow.enrich.tagging.NameMatch.Strength;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags topics whose keywords occur often enough: at least the topic's {@code minMentions} hits, a hit in the title
 * counting double. Keywords inside an exclusion phrase ("z kolei") do not count. Thread-safe.
 */
public final class TopicTagger {

    private final KnowledgeBase knowledgeBase;

    public TopicTagger(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    static List<Gazetteer.Entry> entries(Collection<Topic> topics) {
        List<Gazetteer.Entry> entries = new ArrayList<>();
        for (Topic topic : topics) {
            topic.keywords().forEach((language, keywords) -> keywords.forEach(keyword ->
                    entries.add(new Gazetteer.Entry(topic.id(), Strength.KEYWORD, language, keyword))));
            topic.exclude().forEach(phrase -> entries.add(new Gazetteer.Entry(topic.id(), Strength.EXCLUDE, "", phrase)));
        }
        return entries;
    }

    /** The keyword hits among a field's topic matches: exclusion phrases only keep keywords inside them from counting. */
    static List<NameMatch> keywords(List<NameMatch> topicMatches) {
        return topicMatches.stream().filter(match -> match.strength() == Strength.KEYWORD).toList();
    }

    public List<Tag> tag(List<NameMatch> matches) {
        Map<String, List<NameMatch>> byTopic = new LinkedHashMap<>();
        for (NameMatch match : matches) {
            byTopic.computeIfAbsent(match.ownerId(), id -> new ArrayList<>()).add(match);
        }
        List<Tag> tags = new ArrayList<>();
        byTopic.forEach((id, hits) -> knowledgeBase.topic(id).ifPresent(topic -> {
            int score = 0;
            for (NameMatch hit : hits) {
                score += Evidence.TITLE.equals(hit.field()) ? 2 : 1;
            }
            if (score < topic.requiredMentions()) {
                return;
            }
            double confidence = Math.round(Math.min(0.95, 1 - Math.exp(-score / 3.0)) * 100) / 100.0;
            tags.add(new Tag(topic.id(), topic.label(), TagType.TOPIC, hits.size(), confidence,
                    EntityTagger.evidence(hits)));
        }));
        return tags;
    }
}
