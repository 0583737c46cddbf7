package dev.newsflow.enrich.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects the language of a text with Lingua, restricted to a configured set of languages.
 *
 * <p>Restricting the set matters twice: Lingua's models take memory per language, and fewer candidates mean fewer
 * confusions between close languages. The feed's declared language is only a hint, used when detection is not
 * confident (very short or mixed text). Thread-safe: Lingua's detector is.
 */
public final class LanguageDetector {

    /** The languages detected when none are configured. */
    public static final Set<String> DEFAULT_LANGUAGES = Set.of("pl", "en", "de", "fr", "es", "it", "ru", "uk", "cs");

    /**
     * Detection reads at most this many characters (to the end of the word there). Lingua's time grows with the text
     * (about 2 microseconds a character here), and on a few hundred characters of prose it no longer hesitates
     * between the configured languages: the corpus test holds the same answers as with 1,500.
     */
    static final int MAX_SAMPLE_CHARS = 400;

    /** Confidence of an answer from function words alone: they dominate only in text of one language. */
    static final double CLEAR_CONFIDENCE = 0.95;

    /** Below this many letters detection is not trusted on its own. */
    static final int MIN_LETTERS = 20;

    /** The best language must lead the second by this share of confidence to count as confident. */
    static final double MIN_LEAD = 0.2;

    /**
     * With no declared language to fall back on, the best language is still the answer (at low confidence) when it
     * leads by this much. Lingua's values compare per-character log-probabilities, so the lead does not grow with
     * the text: English prose leads German or French by only 0.1 to 0.25 however long it is.
     */
    static final double MIN_GUESS_LEAD = 0.05;

    private static final Logger LOG = LoggerFactory.getLogger(LanguageDetector.class);

    private final com.github.pemistahl.lingua.api.LanguageDetector detector;
    private final Set<String> codes;
    private final Optional<FunctionWords> functionWords;

    private LanguageDetector(com.github.pemistahl.lingua.api.LanguageDetector detector, Set<String> codes) {
        this.detector = detector;
        this.codes = codes;
        this.functionWords = FunctionWords.forLanguages(codes);
    }

    /**
     * @param isoCodes      ISO 639-1 codes; unknown codes are reported and skipped, at least one must be valid
     * @param lowAccuracy   Lingua's low-accuracy mode: trigram models only, a fraction of the memory, good on
     *                      article-length text but weaker on titles alone
     * @param preloadModels load every model now rather than on first use (steadier latency, slower start)
     */
    public static LanguageDetector of(Collection<String> isoCodes, boolean lowAccuracy, boolean preloadModels) {
        List<Language> languages = new ArrayList<>();
        Set<String> codes = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String code : isoCodes) {
            Language language = toLanguage(code);
            if (language == null) {
                unknown.add(code);
            } else {
                languages.add(language);
                codes.add(code.toLowerCase(Locale.ROOT));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown ISO 639-1 language codes: " + unknown);
        }
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("At least one language is needed for language detection");
        }
        // Lingua needs two candidates; a single configured language is compared against English as a foil.
        if (languages.size() == 1) {
            languages.add(languages.get(0) == Language.ENGLISH ? Language.GERMAN : Language.ENGLISH);
        }
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(languages.toArray(Language[]::new));
        if (lowAccuracy) {
            builder = builder.withLowAccuracyMode();
        }
        if (preloadModels) {
            builder = builder.withPreloadedLanguageModels();
        }
        LOG.info("Language detection over {} (low accuracy: {}, preloaded: {})", codes, lowAccuracy, preloadModels);
        return new LanguageDetector(builder.build(), Set.copyOf(codes));
    }

    public Set<String> languages() {
        return codes;
    }

    /** Detects the language of {@code text}; {@code declared} (may be null or BCP 47 like "pl-PL") is a hint. */
    public DetectedLanguage detect(String text, String declared) {
        return detect(text, declared, true);
    }

    /** As {@link #detect(String, String)} but always by Lingua's models, never by function words alone. */
    DetectedLanguage detectByModel(String text, String declared) {
        return detect(text, declared, false);
    }

    private DetectedLanguage detect(String text, String declared, boolean functionWordsFirst) {
        String sample = text == null ? "" : text.substring(0, wordEnd(text, MAX_SAMPLE_CHARS));
        String hint = normaliseHint(declared);
        if (letters(sample) == 0) {
            return hint == null ? DetectedLanguage.undetermined()
                    : new DetectedLanguage(hint, 0.3, DetectedLanguage.Basis.DECLARED_HINT);
        }
        Optional<String> clear = functionWordsFirst
                ? functionWords.flatMap(words -> words.clearLanguage(sample))
                : Optional.empty();
        if (clear.isPresent()) {
            return new DetectedLanguage(clear.get(), CLEAR_CONFIDENCE, DetectedLanguage.Basis.DETECTED);
        }
        Ranking ranking = rank(sample);
        String best = ranking.best();
        double lead = ranking.lead();
        boolean confident = best != null && codes.contains(best) && lead >= MIN_LEAD && letters(sample) >= MIN_LETTERS;
        if (confident) {
            return new DetectedLanguage(best, Math.min(1.0, 0.5 + lead / 2), DetectedLanguage.Basis.DETECTED);
        }
        if (hint != null) {
            return new DetectedLanguage(hint, 0.4, DetectedLanguage.Basis.DECLARED_HINT);
        }
        if (best != null && codes.contains(best) && lead >= MIN_GUESS_LEAD && letters(sample) >= MIN_LETTERS) {
            return new DetectedLanguage(best, 0.3 + lead / 4, DetectedLanguage.Basis.DETECTED);
        }
        return DetectedLanguage.undetermined();
    }

    private Ranking rank(String sample) {
        SortedMap<Language, Double> values = detector.computeLanguageConfidenceValues(sample);
        Language best = null;
        double top = 0;
        double second = 0;
        for (Map.Entry<Language, Double> entry : values.entrySet()) {
            double value = entry.getValue();
            if (best == null || value > top) {
                second = best == null ? second : top;
                top = value;
                best = entry.getKey();
            } else if (value > second) {
                second = value;
            }
        }
        return new Ranking(best == null ? null : codeOf(best), top <= 0 ? 0 : (top - second) / top);
    }

    /** The best language's code (null if none) and its lead over the second as a share of its confidence. */
    private record Ranking(String best, double lead) {
    }

    /**
     * The text of an article that detection reads: its title, a blank line and the start of its body, the same as
     * {@code detect(title + "\n\n" + body, ...)} reads without copying the whole body.
     */
    public static String articleSample(String title, String body) {
        String head = title + "\n\n";
        int bodyLimit = MAX_SAMPLE_CHARS - head.length();
        if (bodyLimit < 0 || body == null) {
            return body == null ? head + body : head;
        }
        return head + body.substring(0, wordEnd(body, bodyLimit));
    }

    /** {@code limit}, moved forward to the end of the word it cuts, so no trigram is made of half a word. */
    private static int wordEnd(String text, int limit) {
        int end = Math.min(limit, text.length());
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private String normaliseHint(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String primary = declared.trim().toLowerCase(Locale.ROOT).split("[-_]")[0];
        return codes.contains(primary) ? primary : null;
    }

    private static int letters(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    private static String codeOf(Language language) {
        IsoCode639_1 iso = language.getIsoCode639_1();
        return iso == IsoCode639_1.NONE ? null : iso.name().toLowerCase(Locale.ROOT);
    }

    private static Language toLanguage(String code) {
        if (code == null) {
            return null;
        }
        try {
            Language language = Language.getByIsoCode639_1(IsoCode639_1.valueOf(code.trim().toUpperCase(Locale.ROOT)));
            return language == Language.UNKNOWN ? null : language;
        } catch (IllegalArgumentException | NoSuchElementException e) {
            return null;
        }
    }
}
