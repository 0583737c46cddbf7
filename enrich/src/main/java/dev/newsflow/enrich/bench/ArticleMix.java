package dev.newsflow.enrich.bench;

import dev.newsflow.contract.RawArticle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Realistic raw articles for benchmarks, built from the project's own paragraph pools (Polish and English news
 * prose, written for newsflow): each article is HTML of paragraphs drawn at random until about {@code targetChars},
 * a title taken from its first sentence, and a photo caption with a credit line in some. Deterministic for a seed.
 */
public final class ArticleMix {

    private static final String CAPTION_PREFIX = "@caption ";
    private static final int TITLE_MAX_CHARS = 90;

    private final Pool polish;
    private final Pool english;
    private final int targetChars;
    private final Random random;
    /** Articles to hand out in turn instead of generated ones; empty for a generated mix. */
    private final List<RawArticle> given;
    private long sequence;

    private ArticleMix(Pool polish, Pool english, int targetChars, long seed, List<RawArticle> given) {
        this.polish = polish;
        this.english = english;
        this.targetChars = targetChars;
        this.random = new Random(seed);
        this.given = given;
    }

    /** Half Polish, half English articles of about {@code targetChars} characters of text. */
    public static ArticleMix bundled(int targetChars, long seed) {
        return new ArticleMix(Pool.load("paragraphs-pl.txt"), Pool.load("paragraphs-en.txt"), targetChars, seed,
                List.of());
    }

    /**
     * The given articles in turn, over and over, each copy with an id, URL and times of its own: real articles (for
     * example the corpus's) instead of generated ones, whose small vocabulary flatters the per-word caches.
     */
    public static ArticleMix cycling(List<RawArticle> articles) {
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("give at least one article");
        }
        return new ArticleMix(null, null, 0, 0, List.copyOf(articles));
    }

    /** Plain-text article files: the first line is the title, the rest the body. */
    public static List<RawArticle> readFiles(List<Path> files) throws IOException {
        List<RawArticle> articles = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int firstBreak = Math.max(0, text.indexOf('\n'));
            articles.add(RawArticle.builder().id(String.format("%024x", articles.size())).feedId("bench-files")
                    .url("https://bench.newsflow.invalid/files/" + articles.size())
                    .title(text.substring(0, firstBreak)).content(text.substring(firstBreak)).build());
        }
        return articles;
    }

    /** The next article; its id and URL are unique within this mix. */
    public RawArticle next() {
        if (!given.isEmpty()) {
            long number = sequence++;
            RawArticle template = given.get((int) (number % given.size()));
            return template.toBuilder()
                    .id(String.format("%024x", number))
                    .url("https://bench.newsflow.invalid/files/" + number)
                    .published(Instant.ofEpochSecond(1_780_000_000L + number))
                    .fetched(Instant.ofEpochSecond(1_780_000_000L + number))
                    .build();
        }
        boolean isPolish = random.nextBoolean();
        Pool pool = isPolish ? polish : english;
        long number = sequence++;
        StringBuilder html = new StringBuilder(targetChars + 512);
        String first = null;
        int textChars = 0;
        while (textChars < targetChars) {
            String paragraph = pool.paragraphs.get(random.nextInt(pool.paragraphs.size()));
            first = first == null ? paragraph : first;
            html.append("<p>").append(escape(paragraph)).append("</p>\n");
            textChars += paragraph.length();
        }
        if (random.nextInt(3) == 0) {
            String caption = pool.captions.get(random.nextInt(pool.captions.size()));
            html.append("<figure><img src=\"/photo.jpg\" alt=\"\"><figcaption>").append(escape(caption))
                    .append("</figcaption></figure>\n");
        }
        String url = "https://bench.newsflow.invalid/" + (isPolish ? "pl" : "en") + "/" + number;
        return RawArticle.builder()
                .id(String.format("%024x", number))
                .feedId(isPolish ? "bench-pl" : "bench-en")
                .url(url)
                .title(titleOf(first))
                .content(html.toString())
                .declaredLanguage(isPolish ? "pl" : "en")
                .published(Instant.ofEpochSecond(1_780_000_000L + number))
                .fetched(Instant.ofEpochSecond(1_780_000_000L + number))
                .build();
    }

    private static String titleOf(String paragraph) {
        int end = paragraph.indexOf(". ");
        String sentence = end > 0 ? paragraph.substring(0, end) : paragraph;
        if (sentence.length() <= TITLE_MAX_CHARS) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', TITLE_MAX_CHARS);
        return sentence.substring(0, cut > 0 ? cut : TITLE_MAX_CHARS);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Paragraphs and captions of one language. */
    private record Pool(List<String> paragraphs, List<String> captions) {

        static Pool load(String resource) {
            List<String> paragraphs = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            try (InputStream in = Objects.requireNonNull(ArticleMix.class.getResourceAsStream(resource),
                    "bundled resource " + resource)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String trimmed = line.strip();
                    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                        continue;
                    }
                    if (trimmed.startsWith(CAPTION_PREFIX)) {
                        captions.add(trimmed.substring(CAPTION_PREFIX.length()));
                    } else {
                        paragraphs.add(trimmed);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (paragraphs.isEmpty() || captions.isEmpty()) {
                throw new IllegalStateException(resource + " has no paragraphs or no captions");
            }
            return new Pool(List.copyOf(paragraphs), List.copyOf(captions));
        }
    }
}
