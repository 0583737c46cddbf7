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

    /** Detection reads at most this many characters: more costs time and does not change the answer. */
    static final int MAX_SAMPLE_CHARS = 1_500;

    /** Below this many letters detection is not trusted on its own. */
    static final int MIN_LETTERS = 20;

    /** The best language must lead the second by this share of confidence to count as confident. */
    static final double MIN_LEAD = 0.2;

    private static final Logger LOG = LoggerFactory.getLogger(LanguageDetector.class);

    private final com.github.pemistahl.lingua.api.LanguageDetector detector;
    private final Set<String> codes;

    private LanguageDetector(com.github.pemistahl.lingua.api.LanguageDetector detector, Set<String> codes) {
        this.detector = detector;
        this.codes = codes;
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
        String sample = text == null ? "" : text.length() > MAX_SAMPLE_CHARS ? text.substring(0, MAX_SAMPLE_CHARS) : text;
        String hint = normaliseHint(declared);
        if (letters(sample) == 0) {
            return hint == null ? DetectedLanguage.undetermined()
                    : new DetectedLanguage(hint, 0.3, DetectedLanguage.Basis.DECLARED_HINT);
        }
        SortedMap<Language, Double> values = detector.computeLanguageConfidenceValues(sample);
        List<Map.Entry<Language, Double>> ranked = new ArrayList<>(values.entrySet());
        ranked.sort(Map.Entry.<Language, Double>comparingByValue().reversed());
        String best = ranked.isEmpty() ? null : codeOf(ranked.get(0).getKey());
        double top = ranked.isEmpty() ? 0 : ranked.get(0).getValue();
        double second = ranked.size() > 1 ? ranked.get(1).getValue() : 0;
        double lead = top <= 0 ? 0 : (top - second) / top;
        boolean confident = best != null && codes.contains(best) && lead >= MIN_LEAD && letters(sample) >= MIN_LETTERS;
        if (confident) {
            return new DetectedLanguage(best, Math.min(1.0, 0.5 + lead / 2), DetectedLanguage.Basis.DETECTED);
        }
        if (hint != null) {
            return new DetectedLanguage(hint, 0.4, DetectedLanguage.Basis.DECLARED_HINT);
        }
        if (best != null && codes.contains(best) && lead >= MIN_LEAD) {
            return new DetectedLanguage(best, 0.3 + lead / 4, DetectedLanguage.Basis.DETECTED);
        }
        return DetectedLanguage.undetermined();
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
