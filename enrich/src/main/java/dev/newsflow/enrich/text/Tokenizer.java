package dev.newsflow.enrich.text;

import dev.newsflow.enrich.morph.WordForms;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits text into words, numbers and punctuation, keeping offsets, and numbers sentences.
 *
 * <p>Words are runs of letters and digits; an apostrophe inside or at the end of a word stays with it
 * ("Russia's", "Reuters'") so that possessives can be normalised later. Hyphens and dots are tokens of their own,
 * so "Korea Płn." is {@code Korea, Płn, .} both in the text and in knowledge-base names.
 */
public final class Tokenizer {

    /** Abbreviations after which a dot does not end a sentence. Lower case, without the dot. */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "płn", "pd", "płd", "wsch", "zach", "r", "tzw", "ok", "np", "in", "itd", "itp", "ul", "gen", "prof", "dr",
            "mgr", "inż", "tys", "mln", "mld", "proc", "św", "nr", "godz", "min", "ws", "red", "oprac", "fot", "ang",
            "mr", "mrs", "ms", "st", "jr", "sr", "no", "vs", "u", "s", "e", "g", "i", "inc", "ltd", "co", "corp", "gov",
            "sen", "rep", "lt", "col", "sgt", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec");
    /** Lower-casing never shortens a word, so a longer word is no abbreviation and need not be lower-cased. */
    private static final int LONGEST_ABBREVIATION = ABBREVIATIONS.stream().mapToInt(String::length).max().orElse(0);

    /** Tokens of one ASCII character (punctuation, digits, "a", "w"), made once rather than copied per token. */
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR.length; c++) {
            ONE_CHAR[c] = String.valueOf(c);
        }
    }

    private static final byte LETTER_OR_DIGIT = 1;
    private static final byte DIGIT = 2;
    /**
     * Whether each char up to the end of Cyrillic (U+04FF) is a letter or digit, and a digit: Character answers from
     * tables per Unicode block, and for the letters beyond ASCII (Polish, Czech, Cyrillic) they are seldom in the CPU's
     * caches; the words of a text are read char by char here, so one small table serves them all.
     */
    private static final byte[] CHAR_CLASSES = charClasses(0x500);

    /** What {@link #onlyChar} answers for a token of more than one character: a char no quote or mark is. */
    private static final char NOT_ONE_CHAR = 0;

    private Tokenizer() {
    }

    public static List<Token> tokenize(String text) {
        return tokenize(text, null, null);
    }

    /**
     * Tokenises as {@link #tokenize(String)} and reads each token in {@code words}, but for one-character ASCII
     * punctuation and digits: the token's text is the table's copy, and its forms are added to {@code forms}, where
     * each token not read there gets {@code null}.
     */
    static List<Token> tokenize(String text, WordTable words, List<WordForms> forms) {
        if (text == null || text.isEmpty()) {
            return new ArrayList<>();
        }
        // prose has a token every five to six characters: sized so the list seldom grows
        List<Token> tokens = new ArrayList<>(text.length() / 5 + 8);
        int sentence = 0;
        boolean boundaryPending = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                if (c == '\n' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    boundaryPending = true;
                }
                i++;
                continue;
            }
            int start = i;
            Token.Kind kind;
            int hash = 0;
            if (isLetterOrDigit(c)) {
                boolean digitsOnly = true;
                while (i < n) {
                    char d = text.charAt(i);
                    if (isLetterOrDigit(d)) {
                        digitsOnly &= isDigit(d);
                        hash = 31 * hash + d;
                        i++;
                    } else if (isApostrophe(d) && keepsApostrophe(text, i)) {
                        hash = 31 * hash + d;
                        i++;
                    } else {
                        break;
                    }
                }
                kind = digitsOnly ? Token.Kind.NUMBER : Token.Kind.WORD;
            } else {
                hash = c;
                i++;
                kind = Token.Kind.PUNCT;
            }
            String word;
            WordForms wordForms = null;
            boolean oneAsciiChar = i - start == 1 && c < ONE_CHAR.length;
            if (words != null && (kind == Token.Kind.WORD || !oneAsciiChar)) {
                WordTable.Entry entry = words.entry(text, start, i, hash, kind == Token.Kind.WORD);
                word = entry.word();
                wordForms = entry.forms();
            } else if (oneAsciiChar) {
                word = ONE_CHAR[c];
            } else {
                word = text.substring(start, i);
            }
            if (forms != null) {
                forms.add(wordForms);
            }
            if (boundaryPending || startsSentence(tokens, word, kind)) {
                if (!tokens.isEmpty()) {
                    sentence++;
                }
                boundaryPending = false;
            }
            tokens.add(new Token(word, start, i, kind, sentence));
        }
        return tokens;
    }

    /** A capitalised word after a sentence-final mark that does not close an abbreviation starts a sentence. */
    private static boolean startsSentence(List<Token> tokens, String word, Token.Kind kind) {
        int size = tokens.size();
        if (size == 0 || kind == Token.Kind.PUNCT && !isOpeningQuote(onlyChar(word))) {
            return false;
        }
        Token previous = tokens.get(size - 1);
        int index = size - 1;
        while (index > 0 && isClosingQuote(onlyChar(tokens.get(index).text()))) {
            index--;
            previous = tokens.get(index);
        }
        char mark = onlyChar(previous.text());
        if (mark != '.' && mark != '!' && mark != '?' && mark != '…') {
            return false;
        }
        if (kind == Token.Kind.WORD && !Character.isUpperCase(word.codePointAt(0))) {
            return false;
        }
        if (mark == '.' && index > 0) {
            Token before = tokens.get(index - 1);
            if (before.end() == previous.start() && before.text().length() <= LONGEST_ABBREVIATION
                    && ABBREVIATIONS.contains(before.text().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The character of a one-character token, else {@link #NOT_ONE_CHAR}: every quote and sentence mark compared
     * here is one character, so a token is tested with a length and a char comparison rather than string equality.
     */
    private static char onlyChar(String token) {
        return token.length() == 1 ? token.charAt(0) : NOT_ONE_CHAR;
    }

    /** "Russia's", "O'Brien": inside a word; "Reuters'": a plural possessive at the end of a word. */
    private static boolean keepsApostrophe(String text, int at) {
        boolean letterFollows = at + 1 < text.length() && Character.isLetter(text.charAt(at + 1));
        return letterFollows || Character.toLowerCase(text.charAt(at - 1)) == 's';
    }

    /** {@link Character#isLetterOrDigit(char)}, from a table for the Latin and Cyrillic letters of most text. */
    static boolean isLetterOrDigit(char c) {
        return c < CHAR_CLASSES.length ? (CHAR_CLASSES[c] & LETTER_OR_DIGIT) != 0 : Character.isLetterOrDigit(c);
    }

    /** {@link Character#isDigit(char)}, from the same table. */
    static boolean isDigit(char c) {
        return c < CHAR_CLASSES.length ? (CHAR_CLASSES[c] & DIGIT) != 0 : Character.isDigit(c);
    }

    private static byte[] charClasses(int size) {
        byte[] classes = new byte[size];
        for (char c = 0; c < size; c++) {
            int letterOrDigit = Character.isLetterOrDigit(c) ? LETTER_OR_DIGIT : 0;
            classes[c] = (byte) (letterOrDigit | (Character.isDigit(c) ? DIGIT : 0));
        }
        return classes;
    }

    public static boolean isSpace(char c) {
        if (c >= '\u0100' && c < '\u1680') {
            // no space or separator lies between Latin-1 and U+1680 (Ogham space mark), where the letters of Polish,
            // Czech or Cyrillic text are; Character's look-ups for them read tables seldom in the CPU's caches
            return false;
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '’';
    }

    private static boolean isOpeningQuote(char c) {
        return c == '"' || c == '„' || c == '“' || c == '«' || c == '(';
    }

    private static boolean isClosingQuote(char c) {
        return c == '"' || c == '”' || c == '»' || c == ')' || c == '’';
    }
}
