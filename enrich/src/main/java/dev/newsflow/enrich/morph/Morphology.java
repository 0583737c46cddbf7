package dev.newsflow.enrich.morph;

import java.util.Locale;

/** Lemmas and normalised forms of words of one language. Implementations are thread-safe. */
public interface Morphology {

    WordForms analyse(String word);

    /** Morphology for an ISO 639-1 code: Polish and English have their own; others only lower-case. */
    static Morphology forLanguage(String language) {
        return switch (language == null ? "" : language.toLowerCase(Locale.ROOT)) {
            case "pl" -> PolishMorphology.shared();
            case "en" -> EnglishMorphology.INSTANCE;
            default -> PlainMorphology.INSTANCE;
        };
    }
}
