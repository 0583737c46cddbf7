package dev.newsflow.enrich.kb;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Entities and topics that articles are tagged with, loaded from a YAML (or JSON) file.
 *
 * <p>{@link #bundled()} is the file shipped in {@value #BUNDLED_RESOURCE}. Users extend or override it by id:
 * {@code KnowledgeBase.bundled().mergedWith(KnowledgeBase.load(path))}. A merged entry takes every field the user
 * entry sets; its name lists are added to the bundled ones; {@code disabled: true} removes the entry. Immutable.
 */
public final class KnowledgeBase {

    public static final String BUNDLED_RESOURCE = "/dev/newsflow/enrich/knowledge-base.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static volatile KnowledgeBase bundled;

    private final Map<String, Entity> entities;
    private final Map<String, Topic> topics;

    private KnowledgeBase(Map<String, Entity> entities, Map<String, Topic> topics) {
        this.entities = entities;
        this.topics = topics;
    }

    public static KnowledgeBase of(Collection<Entity> entities, Collection<Topic> topics) {
        Map<String, Entity> entityMap = new LinkedHashMap<>();
        entities.forEach(entity -> entityMap.merge(entity.id(), entity, Entity::overriddenBy));
        Map<String, Topic> topicMap = new LinkedHashMap<>();
        topics.forEach(topic -> topicMap.merge(topic.id(), topic, Topic::overriddenBy));
        return new KnowledgeBase(entityMap, topicMap);
    }

    /** The knowledge base shipped with newsflow. Loaded once. */
    public static KnowledgeBase bundled() {
        KnowledgeBase instance = bundled;
        if (instance == null) {
            synchronized (KnowledgeBase.class) {
                instance = bundled;
                if (instance == null) {
                    try (InputStream in = KnowledgeBase.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("Missing bundled knowledge base " + BUNDLED_RESOURCE);
                        }
                        instance = parse(in, BUNDLED_RESOURCE);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read " + BUNDLED_RESOURCE, e);
                    }
                    bundled = instance;
                }
            }
        }
        return instance;
    }

    /** Reads a user file; YAML, or JSON (a subset of YAML). Reports every problem of the file at once. */
    public static KnowledgeBase load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read knowledge base " + path, e);
        }
    }

    static KnowledgeBase parse(InputStream in, String origin) throws IOException {
        KnowledgeBaseFile file;
        try {
            file = YAML.readValue(in, KnowledgeBaseFile.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Invalid knowledge base " + origin + ": " + e.getMessage(), e);
        }
        if (file == null) {
            return of(List.of(), List.of());
        }
        List<String> problems = new ArrayList<>();
        List<Entity> entities = file.entities() == null ? List.of() : file.entities();
        List<Topic> topics = file.topics() == null ? List.of() : file.topics();
        for (int i = 0; i < entities.size(); i++) {
            Entity entity = entities.get(i);
            if (entity.id() == null || entity.id().isBlank()) {
                problems.add("entities[" + i + "]: missing id");
            }
        }
        for (int i = 0; i < topics.size(); i++) {
            if (topics.get(i).id() == null || topics.get(i).id().isBlank()) {
                problems.add("topics[" + i + "]: missing id");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid knowledge base " + origin + ": " + String.join("; ", problems));
        }
        return of(entities, topics);
    }

    /** This knowledge base with {@code user}'s entries added or, by id, overriding and removing its own. */
    public KnowledgeBase mergedWith(KnowledgeBase user) {
        List<Entity> mergedEntities = new ArrayList<>(entities.values());
        mergedEntities.addAll(user.entities.values());
        List<Topic> mergedTopics = new ArrayList<>(topics.values());
        mergedTopics.addAll(user.topics.values());
        KnowledgeBase merged = of(mergedEntities, mergedTopics);
        merged.entities.values().removeIf(Entity::isDisabled);
        merged.topics.values().removeIf(Topic::isDisabled);
        return merged;
    }

    /** Problems that make entries unusable: missing label or type, unknown parent. Empty when all is well. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Entity entity : entities.values()) {
            if (entity.isDisabled()) {
                continue;
            }
            if (entity.type() == null || entity.type() == dev.newsflow.contract.TagType.TOPIC) {
                problems.add(entity.id() + ": type must be place, person or organization");
            }
            if (entity.label() == null || entity.label().isBlank()) {
                problems.add(entity.id() + ": missing label");
            }
            if (entity.names().isEmpty() && entity.creditNames().isEmpty()) {
                problems.add(entity.id() + ": no names");
            }
            if (entity.source() != null && entity.source().parent() != null
                    && !entities.containsKey(entity.source().parent())) {
                problems.add(entity.id() + ": unknown parent " + entity.source().parent());
            }
        }
        for (Topic topic : topics.values()) {
            if (!topic.isDisabled() && (topic.label() == null || topic.keywords().isEmpty())) {
                problems.add(topic.id() + ": a topic needs a label and keywords");
            }
        }
        return problems;
    }

    public Collection<Entity> entities() {
        return entities.values().stream().filter(entity -> !entity.isDisabled()).toList();
    }

    public Collection<Topic> topics() {
        return topics.values().stream().filter(topic -> !topic.isDisabled()).toList();
    }

    public Optional<Entity> entity(String id) {
        return Optional.ofNullable(entities.get(id)).filter(entity -> !entity.isDisabled());
    }

    public Optional<Topic> topic(String id) {
        return Optional.ofNullable(topics.get(id)).filter(topic -> !topic.isDisabled());
    }

    static Map<String, List<String>> copyNames(Map<String, List<String>> names) {
        if (names == null) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        names.forEach((language, list) -> copy.put(language, list == null ? List.of() : List.copyOf(list)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    static Map<String, List<String>> joinNames(Map<String, List<String>> base, Map<String, List<String>> extra) {
        Map<String, List<String>> joined = new LinkedHashMap<>(base);
        extra.forEach((language, list) -> joined.merge(language, list, KnowledgeBase::join));
        return joined;
    }

    static List<String> join(List<String> base, List<String> extra) {
        Set<String> joined = new LinkedHashSet<>(base);
        joined.addAll(extra);
        return List.copyOf(joined);
    }

    /** The file layout. */
    record KnowledgeBaseFile(List<Entity> entities, List<Topic> topics) {
    }
}
