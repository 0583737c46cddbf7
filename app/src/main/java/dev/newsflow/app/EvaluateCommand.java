package dev.newsflow.app;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.enrich.Enricher;
import dev.newsflow.enrich.eval.Evaluation;
import dev.newsflow.enrich.eval.Gold;
import dev.newsflow.enrich.eval.GoldFiles;
import dev.newsflow.enrich.eval.Score;
import dev.newsflow.enrich.eval.Totals;
import dev.newsflow.enrich.kb.KnowledgeBase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code newsflow evaluate GOLD...}: enriches every document the gold files label and prints precision, recall and
 * F1 of sources (name and role) and tags, per document, per language and overall.
 */
final class EvaluateCommand {

    static final String USAGE = "evaluate GOLD.json|GOLD.jsonl... [--corpus DIR] [--verbose] [--json] "
            + "[--knowledge-base FILE]";

    /** Where JSON-lines gold files find their documents unless --corpus says otherwise. */
    static final Path DEFAULT_CORPUS = Path.of("../shared/corpus/articles");

    private EvaluateCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> options = new ArrayList<>(args);
        boolean verbose = options.remove("--verbose");
        boolean json = options.remove("--json");
        Path corpus = EnrichFileCommand.option(options, "--corpus").map(Path::of).orElse(DEFAULT_CORPUS);
        KnowledgeBase knowledgeBase = EnrichFileCommand.knowledgeBase(
                EnrichFileCommand.option(options, "--knowledge-base"));
        if (options.isEmpty()) {
            throw new Newsflow.UsageException("evaluate needs at least one gold file; usage: newsflow " + USAGE);
        }
        GoldFiles goldFiles = new GoldFiles(corpus);
        List<Gold> golds = new ArrayList<>();
        for (String name : options) {
            if (name.startsWith("--")) {
                throw new Newsflow.UsageException("unknown option " + name + "; usage: newsflow " + USAGE);
            }
            try {
                golds.addAll(goldFiles.read(Path.of(name)));
            } catch (IOException e) {
                err.println("newsflow: cannot read gold file " + name + ": " + e.getMessage());
                return Newsflow.USAGE;
            }
        }
        if (golds.stream().anyMatch(gold -> !gold.document().startsWith("/")) && !Files.isDirectory(corpus)) {
            err.println("newsflow: corpus folder " + corpus + " not found; give it with --corpus DIR");
            return Newsflow.USAGE;
        }
        Enricher enricher = Enricher.builder().knowledgeBase(knowledgeBase).build();
        Evaluation evaluation = new Evaluation(knowledgeBase);
        List<Evaluation.Result> results = new ArrayList<>();
        for (Gold gold : golds) {
            EnrichedArticle article;
            try {
                article = enricher.enrich(goldFiles.article(gold));
            } catch (IOException | java.io.UncheckedIOException e) {
                err.println("newsflow: cannot read " + gold.document() + ": " + e.getMessage());
                return Newsflow.FAILED;
            }
            Evaluation.Result result = evaluation.score(gold, article);
            results.add(result);
            if (json) {
                out.println(Json.write(result));
            } else if (verbose) {
                printResult(out, result);
            }
        }
        Map<String, Totals> totals = Totals.byLanguage(results);
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            totals.forEach((language, total) -> summary.put(language, Map.of(
                    "documents", total.documents(), "sources", figures(total.sources()),
                    "tags", figures(total.tags()), "forbiddenTags", total.forbiddenTags())));
            out.println(Json.write(Map.of("totals", summary)));
        } else {
            out.printf(Locale.ROOT, "%-8s %5s   %-28s %-28s %s%n", "language", "docs", "sources (name + role)",
                    "tags", "forbidden tags found");
            totals.forEach((language, total) -> out.printf(Locale.ROOT, "%-8s %5d   %-28s %-28s %d%n", language,
                    total.documents(), describe(total.sources()), describe(total.tags()), total.forbiddenTags()));
        }
        return Newsflow.OK;
    }

    private static void printResult(PrintStream out, Evaluation.Result result) {
        out.printf(Locale.ROOT, "%s [%s]%n  sources %s%n  tags    %s%n", result.document(), result.language(),
                describe(result.sources()), describe(result.tags()));
        printList(out, "missed sources", result.missedSources());
        printList(out, "wrong sources", result.wrongSources());
        printList(out, "missed tags", result.missedTags());
        printList(out, "wrong tags", result.wrongTags());
        printList(out, "FORBIDDEN tags", result.forbiddenTagsFound());
    }

    private static void printList(PrintStream out, String what, List<String> items) {
        if (!items.isEmpty()) {
            out.println("    " + what + ": " + String.join(", ", items));
        }
    }

    static String describe(Score score) {
        return String.format(Locale.ROOT, "P %.2f  R %.2f  F1 %.2f", score.precision(), score.recall(), score.f1());
    }

    private static Map<String, Object> figures(Score score) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("precision", round(score.precision()));
        figures.put("recall", round(score.recall()));
        figures.put("f1", round(score.f1()));
        figures.put("required", score.required());
        figures.put("requiredFound", score.requiredFound());
        figures.put("predicted", score.predicted());
        figures.put("predictedCorrect", score.predictedCorrect());
        return figures;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
