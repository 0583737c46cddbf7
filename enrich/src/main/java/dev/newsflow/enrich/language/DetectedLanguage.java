package dev.newsflow.enrich.language;

/**
 * The outcome of language detection.
 *
 * @param code       ISO 639-1 code, or {@code "und"} when undetermined
 * @param confidence 0..1, how sure detection is; 0 for {@code "und"}
 * @param basis      what decided it
 */
public record DetectedLanguage(String code, double confidence, Basis basis) {

    public static final String UNDETERMINED = "und";

    /** What the decision rests on. */
    public enum Basis {
        /** Detection on the text was confident. */
        DETECTED,
        /** Detection was not confident and the feed's declared language, one of the configured set, was taken. */
        DECLARED_HINT,
        /** Neither detection nor the hint settled it. */
        NONE
    }

    public static DetectedLanguage undetermined() {
        return new DetectedLanguage(UNDETERMINED, 0, Basis.NONE);
    }
}
