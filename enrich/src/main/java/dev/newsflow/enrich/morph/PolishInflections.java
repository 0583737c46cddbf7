package dev.newsflow.enrich.morph;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Likely Polish case forms of a (foreign) proper name that the dictionary does not know: "Pjongjang" -> Pjongjangu,
 * "Kim" -> Kima, "Trump" -> Trumpa, "Zełenski" -> Zełenskiego. Generated for knowledge-base names only and matched
 * only against capitalised words, so over-generation costs nothing.
 */
public final class PolishInflections {

    private PolishInflections() {
    }

    public static Set<String> of(String name) {
        String word = name.toLowerCase(Locale.ROOT);
        Set<String> forms = new LinkedHashSet<>();
        int n = word.length();
        if (n < 3 || !Character.isLetter(word.charAt(n - 1))) {
            return forms;
        }
        if (word.endsWith("ski") || word.endsWith("cki") || word.endsWith("dzki")) {
            String stem = word.substring(0, n - 1);
            add(forms, stem, "iego", "iemu", "im", "ich");
        } else if (word.endsWith("a")) {
            String stem = word.substring(0, n - 1);
            add(forms, stem, "y", "i", "ie", "ę", "ą", "o", "ej");
        } else if (word.endsWith("o") || word.endsWith("e")) {
            String stem = word.substring(0, n - 1);
            add(forms, stem, "a", "u", "owi", "em", "ie");
            add(forms, word, "m");
        } else if (word.endsWith("y") || word.endsWith("i")) {
            add(forms, word, "ego", "emu", "m");
        } else if (isConsonant(word.charAt(n - 1))) {
            add(forms, word, "a", "u", "owi", "em", "ie", "iem");
        }
        return forms;
    }

    private static void add(Set<String> forms, String stem, String... endings) {
        for (String ending : endings) {
            forms.add(stem + ending);
        }
    }

    private static boolean isConsonant(char c) {
        return Character.isLetter(c) && "aeiouyąęó".indexOf(c) < 0;
    }
}
