package dev.newsflow.ingest.feed.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.ingest.feed.Html;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * gofeed's expected JSON as a subset check on the fields ingest uses: feed {@code title}, {@code link}, and per
 * item {@code title}, {@code link}, {@code guid}, {@code publishedParsed}, {@code updatedParsed}.
 */
final class GofeedChecks {

    private GofeedChecks() {
    }

    static CaseOutcome evaluate(JsonNode expected, FeedView view) {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        compared += compare("title", expected.get("title"), Html.toText(view.feed().getTitle()), differences);
        compared += compare("link", expected.get("link"), view.feed().getLink(), differences);
        JsonNode items = expected.path("items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            RawArticle article = view.article(i);
            if (article == null) {
                differences.add("items[" + i + "] missing");
                continue;
            }
            String prefix = "items[" + i + "].";
            compared += compare(prefix + "title", item.get("title"), article.title(), differences);
            compared += compare(prefix + "link", item.get("link"), article.url(), differences);
            String guid = article.guid() != null && article.guid().startsWith(FeedView.SYNTHETIC_GUID) ? null : article.guid();
            compared += compare(prefix + "guid", item.get("guid"), guid, differences);
            compared += compareInstant(prefix + "published", item.get("publishedParsed"), article.published(), differences);
            compared += compareInstant(prefix + "updated", item.get("updatedParsed"), article.updated(), differences);
        }
        if (compared == 0 && differences.isEmpty()) {
            return new CaseOutcome.NotMapped("no title, link, guid or date expected");
        }
        return differences.isEmpty() ? new CaseOutcome.Passed() : new CaseOutcome.Failed(String.join("; ", differences));
    }

    private static int compare(String field, JsonNode expected, String actual, List<String> differences) {
        if (expected == null || expected.isNull()) {
            return 0;
        }
        String wanted = expected.asText().strip();
        if (!Objects.equals(wanted, actual == null ? null : actual.strip())
                && !Html.toText(wanted).equals(Html.toText(actual))) {
            differences.add(field + " expected '" + wanted + "' but was '" + actual + "'");
        }
        return 1;
    }

    private static int compareInstant(String field, JsonNode expected, Instant actual, List<String> differences) {
        if (expected == null || expected.isNull()) {
            return 0;
        }
        Instant wanted = Instant.parse(expected.asText());
        if (!wanted.equals(actual)) {
            differences.add(field + " expected " + wanted + " but was " + actual);
        }
        return 1;
    }
}
