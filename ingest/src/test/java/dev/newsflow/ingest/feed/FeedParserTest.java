package dev.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndFeed;
import dev.newsflow.ingest.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedParserTest {

    private final FeedParser parser = new FeedParser();

    @TempDir
    Path directory;

    @Test
    void shouldParseRss20Atom10AndRdfFromRomesSuite() throws IOException {
        Path rome = Corpus.require("feeds/rome");

        SyndFeed rss = parse(rome.resolve("rss_2.0.xml"));
        SyndFeed atom = parse(rome.resolve("atom_1.0.xml"));
        SyndFeed rdf = parse(rome.resolve("rss_1.0.xml"));

        assertThat(rss.getFeedType()).isEqualTo("rss_2.0");
        assertThat(rss.getTitle()).isEqualTo("rss_2.0.channel.title");
        assertThat(rss.getEntries()).hasSize(2);
        assertThat(atom.getFeedType()).isEqualTo("atom_1.0");
        assertThat(atom.getEntries()).isNotEmpty();
        assertThat(rdf.getFeedType()).isEqualTo("rss_1.0");
        assertThat(rdf.getEntries().get(0).getTitle()).isEqualTo("rss_1.0.item[0].title");
    }

    @Test
    void shouldDecodeIso88592FeedWithPolishLetters() throws IOException {
        SyndFeed feed = parse(Corpus.require("feeds/rss-parser/latin2.rss"));

        assertThat(feed.getDescription()).isEqualTo("Przykładowe newsy z polski, w latin-2");
        assertThat(feed.getEntries().get(0).getTitle()).isEqualTo("ZAŻÓŁĆ GĘSLĄ JAŹŃ");
        assertThat(feed.getEntries().get(0).getDescription().getValue()).isEqualTo("Szedł sasza suchą szosą");
    }

    @Test
    void shouldPreferTheHttpCharsetOverAGuessForAFeedWithoutProlog() {
        byte[] latin2 = "<rss version=\"2.0\"><channel><title>Żółw</title></channel></rss>"
                .getBytes(java.nio.charset.Charset.forName("ISO-8859-2"));

        ParseResult result = parser.parse(latin2, "application/rss+xml; charset=ISO-8859-2");

        assertThat(result).isInstanceOfSatisfying(ParseResult.Parsed.class,
                parsed -> assertThat(parsed.feed().getTitle()).isEqualTo("Żółw"));
    }

    @Test
    void shouldSkipWhitespaceBeforeTheXmlDeclaration() throws IOException {
        String feed = "\n\n   \t<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<rss version=\"2.0\"><channel><title>Spaced</title></channel></rss>";

        assertThat(parser.parse(feed.getBytes(StandardCharsets.UTF_8), "text/xml"))
                .isInstanceOfSatisfying(ParseResult.Parsed.class,
                        parsed -> assertThat(parsed.feed().getTitle()).isEqualTo("Spaced"));
        assertThat(parser.parse(("\uFEFF  " + feed.strip()).getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(ParseResult.Parsed.class);
        Path simplepie = Corpus.require("feeds/simplepie/feed-with-whitespace-before-xml-declaration.xml");
        assertThat(parse(simplepie).getTitle()).isEqualTo("Whitespace before XML declaration");
    }

    @Test
    void shouldRefuseExternalEntitiesWithoutReadingTheFile() throws IOException {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET-4242");
        String attack = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY xxe SYSTEM "%s">]>
                <rss version="2.0"><channel><title>&xxe;</title>
                <item><title>&xxe;</title><link>https://example.org/1</link></item></channel></rss>
                """.formatted(secret.toUri());

        ParseResult result = parser.parse(attack.getBytes(StandardCharsets.UTF_8), "application/rss+xml");

        assertThat(result).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> assertThat(invalid.reason())
                .contains("DOCTYPE").doesNotContain("TOP-SECRET"));
        assertThat(result.toString()).doesNotContain("TOP-SECRET");
    }

    @Test
    void shouldParseUtf16AndUtf32FeedsWithAndWithoutByteOrderMark() {
        String feed = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n"
                + "<rss version=\"2.0\"><channel><title>Żółw</title></channel></rss>";
        for (String name : List.of("UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE")) {
            for (String text : List.of(feed, "\uFEFF" + feed)) {
                ParseResult result = parser.parse(text.getBytes(java.nio.charset.Charset.forName(name)), "text/xml");

                assertThat(result).as(name).isInstanceOfSatisfying(ParseResult.Parsed.class, parsed -> {
                    assertThat(parsed.feed().getTitle()).isEqualTo("Żółw");
                    assertThat(parsed.feed().getEncoding()).isEqualTo(name);
                });
            }
        }
    }

    @Test
    void shouldFillMissingChannelFieldsFromDublinCoreButNeverOverrideTheChannelsOwn() {
        String dublinCore = "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
                + "<dc:title>DC title</dc:title><dc:language>pl</dc:language><dc:rights>DC rights</dc:rights>"
                + "<dc:creator>me@example.com (Example editor)</dc:creator>%s</channel></rss>";

        SyndFeed filled = parser.parseOrThrow(dublinCore.formatted("").getBytes(StandardCharsets.UTF_8), null);
        SyndFeed own = parser.parseOrThrow(dublinCore.formatted("<title>Own</title><language>en</language>"
                + "<copyright>Own rights</copyright>").getBytes(StandardCharsets.UTF_8), null);

        assertThat(filled.getTitle()).isEqualTo("DC title");
        assertThat(filled.getLanguage()).isEqualTo("pl");
        assertThat(filled.getCopyright()).isEqualTo("DC rights");
        assertThat(filled.getAuthors()).singleElement().satisfies(author -> {
            assertThat(author.getName()).isEqualTo("Example editor");
            assertThat(author.getEmail()).isEqualTo("me@example.com");
        });
        assertThat(own.getTitle()).isEqualTo("Own");
        assertThat(own.getLanguage()).isEqualTo("en");
        assertThat(own.getCopyright()).isEqualTo("Own rights");
    }

    @Test
    void shouldReadC1ControlCharactersAsTheWindows1252QuotesTheyStandFor() {
        String feed = "<rss version=\"2.0\"><channel>"
                + "<title>don&#146;t \u0093quote\u0094 &#x81;</title></channel></rss>";

        assertThat(parser.parse(feed.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOfSatisfying(ParseResult.Parsed.class,
                        parsed -> assertThat(parsed.feed().getTitle()).isEqualTo("don’t “quote” \u0081"));
    }

    @Test
    void shouldRefuseDoctypesInEveryEncoding() throws IOException {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET-4242");
        String attack = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>";
        for (String name : List.of("UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE", "GB18030")) {
            ParseResult result = parser.parse(attack.getBytes(java.nio.charset.Charset.forName(name)), null);

            assertThat(result).as(name).isInstanceOfSatisfying(ParseResult.Invalid.class,
                    invalid -> assertThat(invalid.reason()).contains("DOCTYPE").doesNotContain("TOP-SECRET"));
        }
    }

    @Test
    void shouldFailFastOnBillionLaughs() {
        StringBuilder attack = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int level = 1; level <= 9; level++) {
            attack.append("<!ENTITY lol").append(level).append(" \"");
            attack.append(("&lol" + (level == 1 ? "" : level - 1) + ";").repeat(10)).append("\">\n");
        }
        attack.append("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>");

        long start = System.nanoTime();
        ParseResult result = parser.parse(attack.toString().getBytes(StandardCharsets.UTF_8), null);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(result).isInstanceOfSatisfying(ParseResult.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("DOCTYPE declarations are refused"));
    }

    @Test
    void shouldExplainWhyAnHtmlPageIsNotAFeed() {
        assertThat(reason("<!DOCTYPE html>\n<html><head><title>Home</title></head><body></body></html>"))
                .isEqualTo("not a feed: the body is an HTML page");
        assertThat(reason("<!-- served by nginx -->\n<html lang=\"en\"><body>hi</body></html>"))
                .isEqualTo("not a feed: the body is an HTML page");
    }

    @Test
    void shouldExplainWhyJsonGarbageAndEmptyBodiesAreNotFeeds() {
        assertThat(reason("{\"status\": \"ok\", \"items\": []}")).contains("JSON without a JSON Feed version");
        assertThat(reason("[1, 2, 3]")).isEqualTo("not a feed: the body is JSON but not a JSON Feed object");
        assertThat(reason("Service Unavailable")).startsWith("not XML: the body starts with 'service unavailable'");
        assertThat(reason("")).isEqualTo("empty body");
        assertThat(reason("<rss version=\"2.0\"><channel><title>cut short")).startsWith("not well-formed XML");
        assertThat(reason("<?xml version=\"1.0\"?><catalog><book/></catalog>")).startsWith("not a feed:");
    }

    @Test
    void shouldRejectXhtmlThatIsWellFormedButNotAFeed() {
        assertThat(reason("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>"))
                .startsWith("not a feed");
    }

    @Test
    void shouldNeverThrowOnAnyFeedOfTheCorpus() throws IOException {
        Path feeds = Corpus.require("feeds");
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(feeds), Files.walk(Corpus.require("realfeeds")))) {
            files = walk.filter(Files::isRegularFile)
                    .filter(path -> path.toString().matches(".*\\.(xml|rss|atom)$")).toList();
        }
        int parsed = 0;
        int items = 0;
        long start = System.nanoTime();
        for (Path file : files) {
            ParseResult result = parser.parse(Files.readAllBytes(file), null);
            if (result instanceof ParseResult.Parsed ok) {
                parsed++;
                items += ok.feed().getEntries().size();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Parsed %d of %d corpus feeds (%d items) in %.2f s: %.0f feeds/s, %.0f items/s%n",
                parsed, files.size(), items, seconds, files.size() / seconds, items / seconds);

        assertThat(files).hasSizeGreaterThan(300);
        assertThat(parsed).isGreaterThan(files.size() / 2);
    }

    @Test
    void shouldDecodeBase64AtomTextButLeaveBinaryPayloadsAlone() {
        String text = java.util.Base64.getEncoder().encodeToString("Żółw <b>ucieka</b>".getBytes(StandardCharsets.UTF_8));
        String binary = java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF});
        String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"pl_PL\"><title>t</title>"
                + "<entry><title type=\"application/octet-stream\">" + text + "</title>"
                + "<content type=\"image/png\">" + binary + "</content></entry></feed>";

        SyndFeed feed = parser.parseOrThrow(atom.getBytes(StandardCharsets.UTF_8), "application/atom+xml");

        assertThat(feed.getEntries().get(0).getTitle()).isEqualTo("Żółw <b>ucieka</b>");
        assertThat(feed.getEntries().get(0).getContents().get(0).getValue()).isEqualTo(binary);
        assertThat(feed.getLanguage()).isEqualTo("pl-PL");
    }

    private String reason(String body) {
        ParseResult result = parser.parse(body.getBytes(StandardCharsets.UTF_8), "text/html");
        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) result).reason();
    }

    private SyndFeed parse(Path file) throws IOException {
        return parser.parseOrThrow(Files.readAllBytes(file), null);
    }
}
