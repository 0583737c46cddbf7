package dev.newsflow.ingest.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;
import dev.newsflow.ingest.fulltext.FullTextMode;
import dev.newsflow.support.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The feeds to poll, read from a YAML file:
 *
 * <pre>
 * feeds:
 *   - id: bbc-world
 *     url: https://feeds.bbci.co.uk/news/world/rss.xml
 *     title: BBC World        # optional, instead of the feed's own title
 *     language: en            # optional hint, wins over what the feed declares
 *     full-text: never        # optional: auto | always | never (default: ingest.full-text)
 *     enabled: true           # optional, default true
 * </pre>
 *
 * Every problem in the file is reported at once in one {@link ConfigException}.
 *
 * @param feeds the feeds in file order
 */
public record FeedList(List<FeedDefinition> feeds) {

    /** Feed lists of a hundred thousand feeds exceed the YAML parser's default 3 MB document limit. */
    private static final int MAX_FEED_LIST_CODE_POINTS = 256 * 1024 * 1024;
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions()).build());
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*");
    private static final Set<String> KEYS = Set.of("id", "url", "title", "language", "full-text", "enabled");

    public FeedList {
        feeds = List.copyOf(feeds);
    }

    /** The feeds to poll. */
    public List<FeedDefinition> enabled() {
        return feeds.stream().filter(FeedDefinition::enabled).toList();
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_FEED_LIST_CODE_POINTS);
        return options;
    }

    /**
     * Reads and validates the feed list.
     *
     * @param defaultMode full-text mode of feeds that do not set {@code full-text}
     * @throws ConfigException listing every problem found
     */
    public static FeedList load(Path file, FullTextMode defaultMode) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException(List.of("feed list " + file.toAbsolutePath() + " does not exist or is not readable"));
        }
        try {
            return parse(Files.readString(file), defaultMode, file.toString());
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read feed list " + file + ": " + e.getMessage()));
        }
    }

    /** Parses feed-list YAML; {@code origin} names the source in problem messages. */
    public static FeedList parse(String yaml, FullTextMode defaultMode, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(List.of("feed list " + origin + " is not valid YAML: " + e.getMessage()));
        }
        if (root == null || !root.isObject() || !root.has("feeds") || !(root.get("feeds").isArray()
                || root.get("feeds").isNull())) {
            throw new ConfigException(List.of("feed list " + origin + " must be a mapping with a 'feeds' list"));
        }
        List<String> problems = new ArrayList<>();
        root.fieldNames().forEachRemaining(key -> {
            if (!key.equals("feeds")) {
                problems.add("feed list " + origin + ": unknown key '" + key + "'");
            }
        });
        List<FeedDefinition> feeds = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode item : root.get("feeds")) {
            FeedDefinition feed = feed(item, "feeds[" + index + "]", defaultMode, problems);
            if (feed != null && !ids.add(feed.id())) {
                problems.add("feeds[" + index + "]: duplicate id '" + feed.id() + "'");
            }
            if (feed != null) {
                feeds.add(feed);
            }
            index++;
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().map(problem -> problem.startsWith("feed list ")
                    ? problem : "feed list " + origin + ": " + problem).toList());
        }
        return new FeedList(feeds);
    }

    private static FeedDefinition feed(JsonNode item, String where, FullTextMode defaultMode, List<String> problems) {
        if (!item.isObject()) {
            problems.add(where + " must be a mapping with at least id and url");
            return null;
        }
        int before = problems.size();
        String id = text(item, "id");
        String label = id == null ? where : where + " (id '" + id + "')";
        for (Iterator<String> keys = item.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                problems.add(label + ": unknown key '" + key + "' (known: id, url, title, language, full-text, enabled)");
            }
        }
        if (id == null || id.isBlank()) {
            problems.add(label + ": id is required");
        } else if (!ID.matcher(id).matches()) {
            problems.add(label + ": id must be 1-100 letters, digits, '.', '_' or '-'");
        }
        URI url = url(text(item, "url"), label, problems);
        String language = text(item, "language");
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            problems.add(label + ": language must be an ISO 639 code or BCP 47 tag such as en or pl-PL, got '"
                    + language + "'");
        }
        FullTextMode mode = defaultMode;
        String fullText = text(item, "full-text");
        if (fullText != null) {
            try {
                mode = FullTextMode.parse(fullText);
            } catch (IllegalArgumentException e) {
                problems.add(label + ": full-text " + e.getMessage());
            }
        }
        boolean enabled = true;
        JsonNode enabledNode = item.get("enabled");
        if (enabledNode != null && !enabledNode.isNull()) {
            if (enabledNode.isBoolean()) {
                enabled = enabledNode.booleanValue();
            } else {
                problems.add(label + ": enabled must be true or false, got '" + enabledNode.asText() + "'");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        String title = text(item, "title");
        return new FeedDefinition(id, url, title == null || title.isBlank() ? null : title.strip(),
                language == null ? null : language.strip(), mode, enabled);
    }

    private static URI url(String text, String label, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(label + ": url is required");
            return null;
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(label + ": url must be an absolute http(s) URL, got '" + text + "'");
        return null;
    }

    /** Why {@code id} cannot be a feed id, or null when it can. */
    static String idProblem(String id) {
        if (id == null || id.isBlank()) {
            return "id is required";
        }
        return ID.matcher(id).matches() ? null : "id must be 1-100 letters, digits, '.', '_' or '-', got '" + id + "'";
    }

    /** Why {@code language} cannot be a language hint, or null when it can (null is no hint). */
    static String languageProblem(String language) {
        return language == null || LANGUAGE.matcher(language).matches() ? null
                : "language must be an ISO 639 code or BCP 47 tag such as en or pl-PL, got '" + language + "'";
    }

    /** The absolute http(s) URL {@code text} names, or null with the reason added to {@code problems}. */
    static URI httpUrl(String text, String label, List<String> problems) {
        return url(text, label, problems);
    }

    private static String text(JsonNode item, String key) {
        JsonNode node = item.get(key);
        return node == null || node.isNull() ? null : node.asText();
    }
}
