package dev.newsflow.enrich.text;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises photo credit lines: "Dostawca: PAP/EPA", "Źródło zdjęć: © PAP | NAME", "Fot. PAP/Leszek Szymański",
 * "Photo: Reuters", and captions that end in an agency credit such as "... EPA/ALEXANDER ZEMLIANICHENKO / POOL".
 * Shared by the cleaner (to move such lines to captions) and the attributor (to read who is credited).
 */
public final class CreditLines {

    /** A label that introduces a photo credit, followed by a colon or (for "Fot.") a dot. */
    public static final Pattern PREFIX = Pattern.compile(
            "^(?:Dostawca|Źródło zdjęć|Źródło zdjęcia|Źródło fot\\.?|Autor zdjęć|Autor zdjęcia|Zdjęcie|Zdjęcia|Fot\\.?|"
                    + "Foto|Fotografia|Photo(?: credit)?|Photos|Photograph|Image(?: credit)?|Picture|Credit|Bild|"
                    + "Фото)\\s*[:.]\\s*|^©\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final String UPPER_WORD = "\\p{Lu}[\\p{Lu}\\p{Ll}.'-]*";
    private static final String NAME = UPPER_WORD + "(?:[ \\t]+" + UPPER_WORD + "){0,3}";

    /** An agency acronym followed by one to four slash-separated names, ending the line: "EPA/NAME / POOL". */
    public static final Pattern SUFFIX = Pattern.compile(
            "(?:^|\\s)((?:©\\s*)?\\p{Lu}{2,}[\\p{Lu}-]*(?:\\s*/\\s*" + NAME + "){1,4})\\s*$");

    /** Agencies' photo ids glued into captions, e.g. "epa07526662". */
    private static final int PHOTO_ID_DIGITS = 6;
    private static final Pattern PHOTO_ID = Pattern.compile("\\b(?:epa|afp|ap|reuters|pap)\\d{6,}\\b",
            Pattern.CASE_INSENSITIVE);

    /** Where an all-caps credit runs into the next sentence without a space: "POOL|Rosja". */
    private static final Pattern GLUED_SENTENCE = Pattern.compile("(?<=\\p{Lu}{2})(?=\\p{Lu}\\p{Ll}{2,}\\s)");

    private CreditLines() {
    }

    public static boolean hasPrefix(String line) {
        return PREFIX.matcher(line).lookingAt();
    }

    public static boolean endsWithCredit(String line) {
        return line.indexOf('/') >= 0 && SUFFIX.matcher(line).find();
    }

    /** The credit at the end of the line, e.g. "EPA/ALEXANDER ZEMLIANICHENKO / POOL", with its offset. */
    public static Optional<Span> creditSuffix(String line) {
        if (line.indexOf('/') < 0) {
            return Optional.empty();
        }
        Matcher m = SUFFIX.matcher(line);
        return m.find() ? Optional.of(new Span(m.start(1), m.end(1))) : Optional.empty();
    }

    public static boolean hasPhotoId(String line) {
        return hasDigitRun(line, PHOTO_ID_DIGITS) && PHOTO_ID.matcher(line).find();
    }

    /** Whether {@code line} has {@code length} digits in a row: a cheap test that rules most lines out. */
    private static boolean hasDigitRun(String line, int length) {
        int run = 0;
        for (int i = 0; i < line.length(); i++) {
            run = Character.isDigit(line.charAt(i)) ? run + 1 : 0;
            if (run >= length) {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits a credit line whose credit runs into unrelated text ("Dostawca: PAP/EPA.NAME / POOLRosja i ...") into
     * the credit and the rest. Returns the line unchanged (rest empty) when nothing is glued.
     */
    public static String[] splitGlued(String line) {
        Matcher m = GLUED_SENTENCE.matcher(line);
        if (m.find() && m.start() > 0) {
            return new String[] {line.substring(0, m.start()).trim(), line.substring(m.start()).trim()};
        }
        return new String[] {line, ""};
    }

    /** A half-open character range. */
    public record Span(int start, int end) {
    }
}
