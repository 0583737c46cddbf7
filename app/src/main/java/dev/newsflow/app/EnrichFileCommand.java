package dev.newsflow.app;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.enrich.Enricher;
import dev.newsflow.enrich.eval.LocalArticles;
import dev.newsflow.enrich.kb.KnowledgeBase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code newsflow enrich-file FILE...}: enriches local text or HTML files as the enrich service would and prints the
 * result, readable or one JSON line per file. No Kafka.
 */
final class EnrichFileCommand {

    static final String USAGE = "enrich-file FILE... [--json] [--language pl] [--knowledge-base FILE]";

    private EnrichFileCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> options = new ArrayList<>(args);
        boolean json = options.remove("--json");
        String language = option(options, "--language").orElse(null);
        Enricher enricher = Enricher.builder().knowledgeBase(knowledgeBase(option(options, "--knowledge-base")))
                .build();
        if (options.isEmpty()) {
            throw new Newsflow.UsageException("enrich-file needs at least one file; usage: newsflow " + USAGE);
        }
        for (String option : options) {
            if (option.startsWith("--")) {
                throw new Newsflow.UsageException("unknown option " + option + "; usage: newsflow " + USAGE);
            }
        }
        int exit = Newsflow.OK;
        ArticlePrinter printer = new ArticlePrinter(out, json);
        for (String name : options) {
            Path file = Path.of(name);
            try {
                RawArticle article = LocalArticles.read(file, language);
                EnrichedArticle enriched = enricher.enrich(article);
                printer.print(enriched);
            } catch (IOException | java.io.UncheckedIOException e) {
                err.println("newsflow: cannot read " + file + ": " + e.getMessage());
                exit = Newsflow.FAILED;
            }
        }
        return exit;
    }

    /** The bundled knowledge base, extended by the given file. */
    static KnowledgeBase knowledgeBase(Optional<String> userFile) {
        if (userFile.isEmpty()) {
            return KnowledgeBase.bundled();
        }
        Path path = Path.of(userFile.get());
        if (!Files.isReadable(path)) {
            throw new Newsflow.UsageException("knowledge base " + path + " is not a readable file");
        }
        KnowledgeBase merged;
        try {
            merged = KnowledgeBase.bundled().mergedWith(KnowledgeBase.load(path));
        } catch (IllegalArgumentException e) {
            throw new Newsflow.UsageException(e.getMessage().strip().replace('\n', ' '));
        }
        if (!merged.problems().isEmpty()) {
            throw new Newsflow.UsageException("knowledge base " + path + ": " + String.join("; ", merged.problems()));
        }
        return merged;
    }

    /** Removes {@code --name VALUE} from the options and returns the value. */
    static Optional<String> option(List<String> options, String name) {
        int index = options.indexOf(name);
        if (index < 0) {
            return Optional.empty();
        }
        if (index + 1 >= options.size()) {
            throw new Newsflow.UsageException(name + " needs a value");
        }
        String value = options.get(index + 1);
        options.subList(index, index + 2).clear();
        return Optional.of(value);
    }
}
