package dev.newsflow.enrich;

import dev.newsflow.contract.RawArticle;
import dev.newsflow.enrich.language.LanguageDetector;
import java.nio.file.Files;
import java.util.Locale;

/**
 * Measures, in a fresh JVM, the heap Lingua's models take with the default languages and the time to enrich the
 * seed article. Run by {@link PerformanceReportTest}; prints one "key=value" line per figure.
 */
public final class PerformanceProbe {

    private PerformanceProbe() {
    }

    public static void main(String[] args) throws Exception {
        boolean lowAccuracy = args.length > 0 && args[0].equals("low");
        long before = usedHeap();
        LanguageDetector detector = LanguageDetector.of(LanguageDetector.DEFAULT_LANGUAGES, lowAccuracy, true);
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "linguaHeapMb=%.1f%n", (after - before) / 1024.0 / 1024.0);
        detector.detect("warm up", null);

        String seed = Files.readString(SharedData.seeds().resolve("000_165c8a2d37cf1bfb.txt"));
        int firstBreak = seed.indexOf('\n');
        RawArticle article = TestArticles.article(seed.substring(0, firstBreak), seed.substring(firstBreak + 1), "pl");
        long beforeEnricher = usedHeap();
        Enricher enricher = Enricher.builder().lowAccuracyLanguageDetection(lowAccuracy).clock(TestArticles.CLOCK)
                .build();
        System.out.printf(Locale.ROOT, "enricherHeapMb=%.1f%n", (usedHeap() - beforeEnricher) / 1024.0 / 1024.0);
        for (int i = 0; i < 300; i++) {
            enricher.enrich(article);
        }
        int runs = 500;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            enricher.enrich(article);
        }
        double millis = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf(Locale.ROOT, "articleChars=%d%n", seed.length());
        System.out.printf(Locale.ROOT, "msPerArticle=%.2f%n", millis);
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
