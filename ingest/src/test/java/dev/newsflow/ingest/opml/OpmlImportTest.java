package dev.newsflow.ingest.opml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedList;
import dev.newsflow.ingest.fulltext.FullTextMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpmlImportTest {

    private static final String READER_EXPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head><title>My subscriptions</title></head>
              <body>
                <outline text="Świat" title="Świat">
                  <outline type="rss" text="Rzeczpospolita — Świat" xmlUrl="https://www.rp.pl/rss/world" htmlUrl="https://www.rp.pl/"/>
                  <outline text="Nested folder">
                    <outline type="rss" title="Example Wire" xmlUrl="https://wire.example.com/feed.xml" language="en"/>
                  </outline>
                </outline>
                <outline type="rss" title="Example Wire" xmlUrl="https://wire.example.com/other.xml"/>
                <outline type="rss" xmlUrl="https://no-title.example.org/news/rss"/>
                <outline type="rss" title="Mail" xmlUrl="mailto:news@example.com"/>
                <outline type="link" text="Just a link" url="https://example.com/"/>
              </body>
            </opml>
            """;

    @Test
    void shouldFindFeedsInNestedFoldersWithReadableUniqueIds() {
        OpmlImport.Result result = OpmlImport.parse(bytes(READER_EXPORT));

        assertThat(result.feeds()).extracting(FeedDefinition::id)
                .containsExactly("rzeczpospolita-swiat", "example-wire", "example-wire-2",
                        "no-title-example-org-news-rss");
        assertThat(result.feeds().get(1).language()).isEqualTo("en");
        assertThat(result.feeds().get(0).title()).isEqualTo("Rzeczpospolita — Świat");
        assertThat(result.feeds()).allSatisfy(feed -> assertThat(feed.enabled()).isTrue());
    }

    @Test
    void shouldReportOutlinesThatCannotBeFeedsAndKeepTheOthers() {
        OpmlImport.Result result = OpmlImport.parse(bytes(READER_EXPORT));

        assertThat(result.problems()).singleElement().asString().contains("Mail", "not an http(s) URL");
        assertThat(result.feeds()).hasSize(4);
    }

    @Test
    void shouldWriteAFeedListThatIngestReadsBack() {
        List<FeedDefinition> feeds = OpmlImport.parse(bytes(READER_EXPORT)).feeds();

        String yaml = FeedListYaml.write(feeds);
        FeedList readBack = FeedList.parse(yaml, FullTextMode.AUTO, "imported.yaml");

        assertThat(readBack.feeds()).containsExactlyElementsOf(feeds);
    }

    @Test
    void shouldRefuseADoctypeSoNoEntityIsEverExpanded() {
        String attack = """
                <?xml version="1.0"?>
                <!DOCTYPE opml [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <opml version="2.0"><body><outline title="&lol2;" xmlUrl="https://example.com/f"/></body></opml>
                """;

        assertThatThrownBy(() -> OpmlImport.parse(bytes(attack)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void shouldSayWhenADocumentIsNotOpml() {
        assertThatThrownBy(() -> OpmlImport.parse(bytes("<rss version=\"2.0\"><channel/></rss>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not OPML: the root element is not <opml>");
        assertThatThrownBy(() -> OpmlImport.parse(bytes("<opml><body><outline")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not well-formed XML");
        assertThatThrownBy(() -> OpmlImport.parse(bytes("")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
