package dev.newsflow.enrich.eval;

import dev.newsflow.contract.ArticleId;
import dev.newsflow.contract.RawArticle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Local files as raw articles, for checking enrichment by hand. An HTML page gives its title from {@code og:title},
 * {@code <title>} or the first {@code <h1>}; a text file gives its first line as the title when a blank line follows
 * it and it does not end like a sentence (a dateline paragraph such as "WASHINGTON (AP) — ... ." is body), else has
 * no title.
 */
public final class LocalArticles {

    private static final Pattern LOOKS_LIKE_HTML = Pattern.compile("(?is)^\\s*(?:<!doctype html|<html|<head|<body|<p>|"
            + "<div|<article)");
    private static final int TITLE_MAX_CHARS = 200;
    private static final String SENTENCE_END = ".!?…\"”’'";

    private LocalArticles() {
    }

    public static RawArticle read(Path file, String declaredLanguage) throws IOException {
        return of(file.toString(), Files.readString(file, StandardCharsets.UTF_8), declaredLanguage);
    }

    /** @param name where the text came from; the article's URL and id derive from it */
    public static RawArticle of(String name, String text, String declaredLanguage) {
        String title = "";
        String body = text;
        if (LOOKS_LIKE_HTML.matcher(text).find()) {
            title = htmlTitle(Jsoup.parse(text));
        } else {
            int firstBreak = text.indexOf("\n\n");
            String first = firstBreak > 0 ? text.substring(0, firstBreak).strip() : "";
            if (!first.isEmpty() && firstBreak <= TITLE_MAX_CHARS && !first.contains("\n")
                    && SENTENCE_END.indexOf(first.charAt(first.length() - 1)) < 0) {
                title = text.substring(0, firstBreak).strip();
                body = text.substring(firstBreak + 2);
            }
        }
        String url = "file:" + name;
        return RawArticle.builder().id(ArticleId.of(url, url).orElseThrow()).feedId("local").url(url)
                .title(title).content(body).declaredLanguage(declaredLanguage).build();
    }

    private static String htmlTitle(Document page) {
        Element og = page.selectFirst("meta[property=og:title]");
        if (og != null && !og.attr("content").isBlank()) {
            return og.attr("content").strip();
        }
        if (!page.title().isBlank()) {
            return page.title().strip();
        }
        Element h1 = page.selectFirst("h1");
        return h1 == null ? "" : h1.text().strip();
    }
}
