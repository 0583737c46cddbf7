package dev.newsflow.enrich.tagging;

import dev.newsflow.enrich.kb.KnowledgeBase;
import dev.newsflow.enrich.text.AnalyzedText;
import java.util.List;

/**
 * Finds entity names and topic keywords of a knowledge base in a field. Both come from one index, so each word form
 * of the field is looked up once rather than once for entities and again for topics. Thread-safe.
 */
public final class NameFinder {

    private static final int ENTITIES = 0;
    private static final int TOPICS = 1;

    private final Gazetteer gazetteer;

    public NameFinder(KnowledgeBase knowledgeBase) {
        this.gazetteer = Gazetteer.compile(List.of(EntityTagger.entries(knowledgeBase.entities()),
                TopicTagger.entries(knowledgeBase.topics())));
    }

    /**
     * What one field names.
     *
     * @param entityNames   entity names, for {@link EntityTagger#tag} and source attribution
     * @param topicKeywords topic keyword hits, for {@link TopicTagger#tag}
     */
    public record Found(List<NameMatch> entityNames, List<NameMatch> topicKeywords) {
    }

    /** Finds names in a field; credits and captions are not passed here. */
    public Found find(AnalyzedText field) {
        List<List<NameMatch>> found = gazetteer.find(field);
        return new Found(found.get(ENTITIES), TopicTagger.keywords(found.get(TOPICS)));
    }
}
