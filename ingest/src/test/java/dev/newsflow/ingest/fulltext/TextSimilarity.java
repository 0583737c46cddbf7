package dev.newsflow.ingest.fulltext;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How much of a gold text an extraction found: the share of gold sentences present in it, after normalising. */
final class TextSimilarity {

    private static final int MIN_SENTENCE_CHARS = 25;

    private TextSimilarity() {
    }

    /** Share (0..1) of the gold text's sentences found in the extracted text; 1 when gold has none. */
    static double sentenceRecall(String gold, String extracted) {
        List<String> sentences = sentences(gold);
        if (sentences.isEmpty()) {
            return 1;
        }
        String haystack = normalize(extracted);
        long found = sentences.stream().filter(haystack::contains).count();
        return (double) found / sentences.size();
    }

    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        for (String line : text.split("\\R+")) {
            for (String sentence : line.split("(?<=[.!?。！？])\\s+|(?<=[。！？])")) {
                String normalized = normalize(sentence);
                if (normalized.length() >= MIN_SENTENCE_CHARS) {
                    sentences.add(normalized);
                }
            }
        }
        return sentences;
    }

    static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[\\p{Punct}\\p{IsPunctuation}’‘“”«»„]", " ");
        return folded.replaceAll("[\\s\\u00A0\\u200B]+", " ").strip();
    }
}
