package dev.newsflow.app;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.Tag;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.stream.Collectors;

/** Prints delivered articles: readable blocks for people, or one JSON object per line for programs. */
final class ArticlePrinter {

    private final PrintStream out;
    private final boolean json;

    ArticlePrinter(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    synchronized void print(EnrichedArticle article) {
        if (json) {
            out.println(Json.write(article));
        } else {
            out.println(readable(article));
        }
        out.flush();
    }

    static String readable(EnrichedArticle article) {
        StringBuilder text = new StringBuilder();
        text.append("━━ ").append(article.title()).append('\n');
        text.append("   id ").append(article.id()).append(" · feed ").append(article.article().feedId())
                .append(" · language ").append(article.language()).append('\n');
        text.append("   tags    ").append(article.tags().stream()
                .sorted(Comparator.comparing(Tag::type).thenComparing(Tag::mentions, Comparator.reverseOrder()))
                .map(tag -> tag.label() + " (" + tag.type().name().toLowerCase() + ", " + tag.id() + ")")
                .collect(Collectors.joining(", "))).append('\n');
        text.append("   sources");
        if (article.sources().isEmpty()) {
            text.append(" none found\n");
        }
        for (SourceAttribution source : article.sources()) {
            text.append("\n     ").append(source.name()).append(" — ").append(source.kind().wireName())
                    .append(", ").append(source.role().name().toLowerCase());
            if (source.affiliation() != null) {
                text.append(", part of ").append(source.affiliation());
            }
            source.evidence().stream().map(evidence -> evidence.text()).distinct().limit(3).forEach(evidence ->
                    text.append("\n         “").append(evidence).append('”'));
        }
        return text.append('\n').toString();
    }
}
