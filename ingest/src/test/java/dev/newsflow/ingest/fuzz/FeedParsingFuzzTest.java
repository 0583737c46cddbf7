package dev.newsflow.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.ingest.feed.ArticleNormalizer;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.NormalizedFeed;
import dev.newsflow.ingest.feed.ParseResult;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Coverage-guided fuzzing of feed parsing and normalisation: whatever bytes and content type a server sends, the
 * parser answers a feed or a reason, never an exception, and what it normalises holds the article invariants. In a
 * normal test run only the inputs kept under {@code FeedParsingFuzzTestInputs} run (seeds and past findings);
 * {@code JAZZER_FUZZ=1} fuzzes (see the README).
 */
class FeedParsingFuzzTest {

    private static final String[] CONTENT_TYPES = {"application/rss+xml", "application/atom+xml",
        "text/xml", "text/xml; charset=iso-8859-2", "application/feed+json", "text/html; charset=utf-16", ""};
    private static final FeedParser PARSER = new FeedParser();
    private static final ArticleNormalizer NORMALIZER = new ArticleNormalizer(
            Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC));
    private static final FeedDefinition FEED = FeedDefinition.of("fuzz", "https://example.com/feed.xml");

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"<?xml version=\"1.0\" encoding=\"", "<rss version=\"2.0\">", "<channel>", "<item>",
        "</item>", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<entry>", "</entry>", "<title>", "<link>",
        "<link href=\"", "<guid>", "<pubDate>", "<updated>", "<description>", "<content type=\"html\">",
        "<![CDATA[", "]]>", "&amp;", "&#x", "xml:base=\"", "<!DOCTYPE", "<!ENTITY", "{\"version\": \"https://jsonfeed.org/version/1.1\"",
        "\"items\": [", "\"url\": \"", "<media:content url=\"", "<dc:creator>", "<enclosure url=\""})
    void shouldAnswerAFeedOrAReasonForAnyBytes(FuzzedDataProvider data) {
        String contentType = CONTENT_TYPES[data.consumeInt(0, CONTENT_TYPES.length - 1)];
        byte[] body = data.consumeRemainingAsBytes();

        ParseResult result = PARSER.parse(body, contentType);

        if (result instanceof ParseResult.Invalid invalid) {
            assertThat(invalid.reason()).isNotBlank();
        } else if (result instanceof ParseResult.Parsed parsed) {
            NormalizedFeed feed = NORMALIZER.normalize(parsed.feed(), FEED, URI.create("https://example.com/feed.xml"));
            for (RawArticle article : feed.articles()) {
                assertThat(article.id()).matches("[0-9a-f]{24}");
                assertThat(article.feedId()).isEqualTo("fuzz");
                assertThat(article.title()).isNotNull();
            }
        }
    }
}
