package dev.newsflow.ingest.opml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.newsflow.ingest.feed.FeedDefinition;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Writes feeds in the feed-list YAML format that {@code ingest.feeds-file} reads. */
public final class FeedListYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private FeedListYaml() {
    }

    public static String write(List<FeedDefinition> feeds) {
        ObjectNode root = YAML.createObjectNode();
        ArrayNode list = root.putArray("feeds");
        for (FeedDefinition feed : feeds) {
            ObjectNode item = list.addObject();
            item.put("id", feed.id());
            item.put("url", feed.url().toString());
            if (feed.title() != null) {
                item.put("title", feed.title());
            }
            if (feed.language() != null) {
                item.put("language", feed.language());
            }
            item.put("full-text", feed.fullText().name().toLowerCase(Locale.ROOT));
            if (!feed.enabled()) {
                item.put("enabled", false);
            }
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
