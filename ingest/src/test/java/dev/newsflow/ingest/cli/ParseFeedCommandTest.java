package dev.newsflow.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.Json;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.ingest.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseFeedCommandTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldPrintOneRawArticleJsonLinePerItemOfACorpusFeed() {
        Path latin2 = Corpus.require("feeds/rss-parser/latin2.rss");

        int exit = run(latin2.toString(), "--json", "--feed-id", "pl-sample");

        assertThat(exit).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).isNotEmpty();
        RawArticle first = Json.read(lines.get(0), RawArticle.class);
        assertThat(first.feedId()).isEqualTo("pl-sample");
        assertThat(first.title()).isEqualTo("ZAŻÓŁĆ GĘSLĄ JAŹŃ");
        assertThat(first.fetched()).isEqualTo(CLOCK.instant());
    }

    @Test
    void shouldResolveRelativeLinksAgainstTheBaseUrlAndHonourTheContentTypeCharset() throws IOException {
        Path feed = Files.write(directory.resolve("feed.xml"),
                "<rss version=\"2.0\"><channel><title>T</title><item><title>Żółw</title><link>/a/1</link></item></channel></rss>"
                        .getBytes(java.nio.charset.Charset.forName("ISO-8859-2")));

        int exit = run(feed.toString(), "--base-url", "https://news.example.pl/feed", "--content-type",
                "application/rss+xml; charset=ISO-8859-2");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("- | Żółw | https://news.example.pl/a/1");
    }

    @Test
    void shouldFailWithOneLineReasonForAnHtmlPage() throws IOException {
        Path page = Files.writeString(directory.resolve("page.html"), "<!DOCTYPE html><html><body>Hi</body></html>");

        assertThat(run(page.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("parse-feed: " + page + ": not a feed: the body is an HTML page"
                + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldRefuseADoctypeAttackWithoutReadingTheEntity() throws IOException {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET-4242");
        Path attack = Files.writeString(directory.resolve("attack.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]>\n<rss version=\"2.0\"><channel><title>&x;</title></channel></rss>");

        assertThat(run(attack.toString(), "--json")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("DOCTYPE declarations are refused").doesNotContain("TOP-SECRET")
                .hasLineCount(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("TOP-SECRET");
    }

    @Test
    void shouldFailWithOneLineReasonForAMissingFile() {
        assertThat(run(directory.resolve("nope.xml").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("nope.xml: no such file" + System.lineSeparator());
    }

    @Test
    void shouldRefuseAPrivateAddressUnlessAllowed() {
        assertThat(run("http://127.0.0.1:9/feed.xml")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1).startsWith("parse-feed: http://127.0.0.1:9/feed.xml: ");
    }

    @Test
    void shouldExitTwoWithUsageForBadArguments() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("a.xml", "--bogus")).isEqualTo(2);
        assertThat(run("a.xml", "--base-url")).isEqualTo(2);
        assertThat(run("https://example.org/feed", "--content-type", "text/xml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: parse-feed FILE|URL");
    }

    private int run(String... args) {
        return ParseFeedCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    }
}
