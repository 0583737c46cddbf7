package dev.newsflow.enrich.bench;

import dev.newsflow.contract.RawArticle;
import dev.newsflow.enrich.Enricher;
import dev.newsflow.enrich.language.LanguageDetector;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark harness of the pure enrichment (no Kafka): the heap Lingua's language models take, and the time to
 * enrich the given articles after warm-up (wall and CPU time), in both language-detection modes. Articles are the
 * generated mix or plain-text files whose first line is the title. Run it in a fresh JVM
 * ({@code newsflow bench-enrich --no-kafka [FILE...]}) so nothing else skews the heap figure; it prints one
 * {@code key=value} line per figure. {@code EnrichKafkaBenchmark} measures the service through Kafka.
 */
public final class EnrichBenchmark {

    private static final int WARM_UP_RUNS = 6_000;
    private static final int MEASURED_RUNS = 3_000;

    private EnrichBenchmark() {
    }

    /** Measures on plain-text article files, title on the first line. */
    public static void runFiles(List<Path> files, PrintStream out) throws IOException, InterruptedException {
        runArticles(ArticleMix.readFiles(files), out);
    }

    /** Measures on the given articles; for example 200 of {@link ArticleMix#bundled(int, long)}. */
    public static void runArticles(List<RawArticle> articles, PrintStream out) throws InterruptedException {
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("give at least one article");
        }
        long chars = 0;
        for (RawArticle article : articles) {
            chars += article.title().length() + article.content().length();
        }
        out.printf(Locale.ROOT, "articles=%d averageChars=%d java=%s%n", articles.size(), chars / articles.size(),
                System.getProperty("java.version"));
        for (boolean lowAccuracy : new boolean[] {true, false}) {
            String mode = lowAccuracy ? "low-accuracy" : "high-accuracy";
            long before = usedHeap();
            LanguageDetector detector = LanguageDetector.of(LanguageDetector.DEFAULT_LANGUAGES, lowAccuracy, true);
            out.printf(Locale.ROOT, "%s.linguaHeapMb=%.1f%n", mode, (usedHeap() - before) / 1024.0 / 1024.0);
            detector.detect("warm up", null);
            Enricher enricher = Enricher.builder().lowAccuracyLanguageDetection(lowAccuracy)
                    .clock(Clock.systemUTC()).build();
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                enricher.enrich(articles.get(i % articles.size()));
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < MEASURED_RUNS; i++) {
                enricher.enrich(articles.get(i % articles.size()));
            }
            double millis = (System.nanoTime() - start) / 1e6 / MEASURED_RUNS;
            double cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / MEASURED_RUNS;
            out.printf(Locale.ROOT, "%s.msPerArticle=%.2f%n", mode, millis);
            out.printf(Locale.ROOT, "%s.cpuMsPerArticle=%.2f%n", mode, cpuMillis);
            out.printf(Locale.ROOT, "%s.articlesPerSecondPerCore=%.0f%n", mode, 1000 / cpuMillis);
        }
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
