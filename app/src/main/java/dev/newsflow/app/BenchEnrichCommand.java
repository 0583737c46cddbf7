package dev.newsflow.app;

import dev.newsflow.contract.RawArticle;
import dev.newsflow.enrich.bench.ArticleMix;
import dev.newsflow.enrich.bench.EnrichBenchmark;
import dev.newsflow.enrich.service.bench.EnrichKafkaBenchmark;
import dev.newsflow.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code newsflow bench-enrich}: the enrich service through an embedded broker with exactly-once on, on a generated
 * Polish and English article mix (articles/s, latency, heap); with {@code --no-kafka}, enrichment alone on the mix
 * or on the given plain-text files.
 */
final class BenchEnrichCommand {

    static final String USAGE = "bench-enrich [--articles 20000] [--threads 2] [--partitions 4] [--rate N] "
            + "[--latency 20s] [--warm-up 0] [--corpus DIR] | bench-enrich --no-kafka [FILE...]";

    private static final int PURE_MIX_ARTICLES = 200;

    private BenchEnrichCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> options = new ArrayList<>(args);
        if (options.remove("--no-kafka")) {
            return pure(options, out, err);
        }
        EnrichKafkaBenchmark.Options bench = Newsflow.valueOptions(options, EnrichKafkaBenchmark.Options.defaults(),
                USAGE, (current, option, value) -> switch (option) {
                    case "--articles" -> current.withArticles(Integer.parseInt(value));
                    case "--threads" -> current.withThreads(Integer.parseInt(value));
                    case "--partitions" -> current.withPartitions(Integer.parseInt(value));
                    case "--rate" -> current.withRate(Integer.parseInt(value));
                    case "--latency" -> current.withLatencyDuration(Newsflow.parseDuration(value));
                    case "--warm-up" -> current.withWarmUpArticles(Integer.parseInt(value));
                    case "--corpus" -> current.withArticlesFrom(corpus(value));
                    default -> null;
                });
        err.println("newsflow bench-enrich: " + bench.articles() + " articles, " + bench.threads() + " threads, "
                + bench.partitions() + " partitions, exactly-once, on an embedded broker; max heap "
                + Runtime.getRuntime().maxMemory() / 1024 / 1024 + " MB");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            out.print(EnrichKafkaBenchmark.run(bench, broker.bootstrapServers(), err));
            return Newsflow.OK;
        }
    }

    /** The plain-text articles ({@code *.txt}, first line the title) anywhere under the directory, by path. */
    private static List<RawArticle> corpus(String directory) {
        try (Stream<Path> paths = Files.walk(Path.of(directory))) {
            List<Path> files = paths.filter(path -> Files.isRegularFile(path) && path.toString().endsWith(".txt"))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .txt article under " + directory);
            }
            return ArticleMix.readFiles(files);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read the articles under " + directory + ": " + e.getMessage());
        }
    }

    private static int pure(List<String> files, PrintStream out, PrintStream err) {
        try {
            if (files.isEmpty()) {
                ArticleMix mix = ArticleMix.bundled(5_000, 42);
                List<RawArticle> articles = new ArrayList<>();
                for (int i = 0; i < PURE_MIX_ARTICLES; i++) {
                    articles.add(mix.next());
                }
                EnrichBenchmark.runArticles(articles, out);
            } else {
                EnrichBenchmark.runFiles(files.stream().map(Path::of).toList(), out);
            }
            return Newsflow.OK;
        } catch (IOException e) {
            err.println("newsflow: cannot read an article file: " + e.getMessage());
            return Newsflow.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Newsflow.FAILED;
        }
    }
}
