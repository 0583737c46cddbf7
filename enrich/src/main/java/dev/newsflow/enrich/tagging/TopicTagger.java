package dev.newsflow.enrich.tagging;

import dev.newsflow.contract.Evidence;
import dev.newsflow.contract.Tag;
import dev.newsflow.contract.TagType;
import dev.newsflow.enrich.kb.KnowledgeBase;
import dev.newsflow.enrich.kb.Topic;
import dev.newsflow.enrich.tagging.NameMatch.Strength;
import dev.newsflow.enrich.text.AnalyzedText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags topics whose keywords occur often enough: at least the topic's {@code minMentions} hits, a hit in the title
 * counting double. Keywords inside an exclusion phrase ("z kolei") do not count. Thread-safe.
 */
public final class TopicTagger {

    private final KnowledgeBase knowledgeBase;
    private final Gazetteer gazetteer;

    public TopicTagger(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
        List<Gazetteer.Entry> entries = new ArrayList<>();
        for (Topic topic : knowledgeBase.topics()) {
            topic.keywords().forEach((language, keywords) -> keywords.forEach(keyword ->
                    entries.add(new Gazetteer.Entry(topic.id(), Strength.KEYWORD, language, keyword))));
            topic.exclude().forEach(phrase -> entries.add(new Gazetteer.Entry(topic.id(), Strength.EXCLUDE, "", phrase)));
        }
        this.gazetteer = Gazetteer.compile(entries);
    }

    public List<NameMatch> find(AnalyzedText field) {
        return gazetteer.find(field).stream().filter(match -> match.strength() == Strength.KEYWORD).toList();
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
