package dev.newsflow.ingest.feed.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.Json;
import dev.newsflow.ingest.Corpus;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.ParseResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the parser and normaliser over the shared corpus suites with machine-checkable expectations, prints the pass
 * counts per suite and holds each suite at a floor: a regression fails the build, an improvement should raise the
 * floor. Skipped with a message when the corpus is absent.
 */
class FeedConformanceTest {

    /** Cases passing per suite; raise these when a fix makes more cases pass. */
    private static final Map<String, Integer> FEEDPARSER_FLOORS = Map.of(
            "encoding", 72, "wellformed/atom10", 24, "wellformed/base", 1, "wellformed/lang", 9,
            "wellformed/rss", 70, "wellformed/sanitize", 10);
    private static final Map<String, Integer> GOFEED_FLOORS = Map.of(
            "translator/rss", 15, "translator/atom", 12, "translator/json", 2, "extensions/dublincore", 2);

    /** An item or entry start tag in any namespace prefix: a feed with one of these should not parse as empty. */
    private static final Pattern ITEM_TAG = Pattern.compile("<([A-Za-z0-9_-]+:)?(item|entry)[\\s>/]");

    private final FeedParser parser = new FeedParser();

    @Test
    void shouldPassFeedparserWellFormedCasesAtLeastAtTheFloorPerSuite() throws IOException {
        Path suite = Corpus.require("feeds/feedparser/EXPECTATIONS.jsonl");
        Map<String, SuiteScore> scores = new TreeMap<>();
        for (String line : Files.readAllLines(suite)) {
            JsonNode expectation = Json.mapper().readTree(line);
            JsonNode structured = expectation.get("structured");
            if (!"wellformed".equals(expectation.path("kind").asText()) || !structured.path("simple").asBoolean()) {
                continue;
            }
            String file = expectation.get("file").asText();
            String name = file.substring("feeds/feedparser/".length());
            scores.computeIfAbsent(name.substring(0, name.lastIndexOf('/')), SuiteScore::new)
                    .add(name, feedparserCase(Corpus.root().resolve(file), expectation));
        }
        report("feedparser", scores, FEEDPARSER_FLOORS);
    }

    @Test
    void shouldAgreeWithGofeedExpectationsAtLeastAtTheFloorPerSuite() throws IOException {
        Path gofeed = Corpus.require("feeds/gofeed");
        Map<String, SuiteScore> scores = new TreeMap<>();
        for (String suite : GOFEED_FLOORS.keySet()) {
            SuiteScore score = scores.computeIfAbsent(suite, SuiteScore::new);
            for (Path feedFile : gofeedCases(gofeed.resolve(suite))) {
                Path expectedFile = expectedOf(feedFile);
                JsonNode expected = Json.mapper().readTree(expectedFile.toFile());
                ParseResult result = parser.parse(Files.readAllBytes(feedFile), null);
                CaseOutcome outcome = result instanceof ParseResult.Parsed parsed
                        ? GofeedChecks.evaluate(expected, FeedView.of(parsed.feed(), null))
                        : new CaseOutcome.Failed("did not parse: " + ((ParseResult.Invalid) result).reason());
                score.add(feedFile.getFileName().toString(), outcome);
            }
        }
        report("gofeed", scores, GOFEED_FLOORS);
    }

    /**
     * Every file of every suite, ill-formed ones included, ends in a parsed feed or an invalid result with a reason:
     * no exception escapes the parser or the normaliser, and a body with {@code <item>} or {@code <entry>} tags
     * never parses as a feed without entries (a silent empty result would look like a quiet feed to the poller).
     */
    @Test
    void shouldEndEveryCorpusFeedInAParseOrAClearError() throws IOException {
        Path feeds = Corpus.require("feeds");
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(feeds), Files.walk(Corpus.require("realfeeds")))) {
            files = walk.filter(Files::isRegularFile).filter(FeedConformanceTest::isFeedFile).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        int parsed = 0;
        int invalid = 0;
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            try {
                ParseResult result = parser.parse(body, null);
                if (result instanceof ParseResult.Parsed ok) {
                    parsed++;
                    FeedView.of(ok.feed(), URI.create("http://example.org/feed"));
                    if (ok.feed().getEntries().isEmpty() && ITEM_TAG.matcher(head(body)).find()) {
                        problems.add(Corpus.root().relativize(file) + ": parsed with no entries although it has items");
                    }
                } else if (result instanceof ParseResult.Invalid bad) {
                    invalid++;
                    if (bad.reason() == null || bad.reason().isBlank()) {
                        problems.add(Corpus.root().relativize(file) + ": invalid without a reason");
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                problems.add(Corpus.root().relativize(file) + ": " + e);
            }
        }
        System.out.printf("corpus sweep: %d files, %d parsed, %d refused with a reason, %d problems%n",
                files.size(), parsed, invalid, problems.size());
        problems.forEach(problem -> System.out.println("  " + problem));
        assertThat(files).hasSizeGreaterThan(400);
        assertThat(problems).isEmpty();
    }

    private CaseOutcome feedparserCase(Path file, JsonNode expectation) throws IOException {
        JsonNode structured = expectation.get("structured");
        String contentType = header(expectation, "content-type");
        String location = header(expectation, "content-location");
        ParseResult result = parser.parse(Files.readAllBytes(file), contentType);
        if (result instanceof ParseResult.Invalid invalid) {
            boolean mayFail = structured.path("bozo").asBoolean(false) && structured.path("checks").isEmpty();
            return mayFail ? new CaseOutcome.Passed() : new CaseOutcome.Failed("did not parse: " + invalid.reason());
        }
        FeedView view = FeedView.of(((ParseResult.Parsed) result).feed(), location == null ? null : URI.create(location));
        return FeedparserChecks.evaluate(structured.path("checks"), view);
    }

    private static String header(JsonNode expectation, String name) {
        for (Map.Entry<String, JsonNode> header : expectation.path("headers").properties()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().asText();
            }
        }
        return null;
    }

    private static void report(String corpus, Map<String, SuiteScore> scores, Map<String, Integer> floors) {
        scores.values().forEach(score -> System.out.println(corpus + " " + score));
        if (Boolean.getBoolean("newsflow.conformance.verbose")) {
            scores.values().forEach(score -> score.failures.forEach(failure -> System.out.println("  FAIL " + failure)));
        }
        assertThat(scores.keySet()).containsAll(floors.keySet());
        floors.forEach((suite, floor) -> assertThat(scores.get(suite).passed)
                .as("%s %s passes (floor %d); failures: %s", corpus, suite, floor, scores.get(suite).failures)
                .isGreaterThanOrEqualTo(floor));
    }

    private static List<Path> gofeedCases(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(path -> !path.toString().endsWith("_expected.json"))
                    .filter(path -> expectedOf(path) != null && Files.exists(expectedOf(path)) && !expectedOf(path).equals(path))
                    .sorted().toList();
        }
    }

    /** {@code X.xml -> X.json}; {@code X.json -> X_expected.json} (gofeed's JSON Feed translator suite). */
    private static Path expectedOf(Path feed) {
        String name = feed.getFileName().toString();
        if (name.endsWith(".xml")) {
            return feed.resolveSibling(name.replace(".xml", ".json"));
        }
        return feed.resolveSibling(name.replace(".json", "_expected.json"));
    }

    private static boolean isFeedFile(Path path) {
        String name = path.getFileName().toString();
        if (name.endsWith(".xml") || name.endsWith(".rss") || name.endsWith(".atom")) {
            return true;
        }
        if (!name.endsWith(".json") || name.endsWith("expected.json") || name.contains("expected_")) {
            return false;
        }
        // JSON next to a feed of the same name is an expectation, not a feed
        String base = name.substring(0, name.length() - ".json".length());
        return Stream.of(".xml", ".rss", ".atom").noneMatch(ext -> Files.exists(path.resolveSibling(base + ext)));
    }

    private static String head(byte[] body) {
        return new String(body, 0, Math.min(body.length, 1 << 20), StandardCharsets.ISO_8859_1);
    }
}
