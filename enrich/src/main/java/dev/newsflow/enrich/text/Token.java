package dev.newsflow.enrich.text;

/**
 * A token of a text field with its character offsets.
 *
 * @param text     the token as written
 * @param start    offset of the first character in the field
 * @param end      offset after the last character
 * @param kind     word, number or punctuation
 * @param sentence index of the sentence the token belongs to, counted from 0 within the field
 */
public record Token(String text, int start, int end, Kind kind, int sentence) {

    /** What a token is made of. */
    public enum Kind { WORD, NUMBER, PUNCT }

    public boolean isWord() {
        return kind == Kind.WORD;
    }

    /** Starts with an upper-case letter ("Rosja", "USA", "McDonald"). */
    public boolean isCapitalised() {
        return kind == Kind.WORD && Character.isUpperCase(text.codePointAt(0));
    }

    /** Two or more letters, all upper case ("PAP", "NATO", "USA"). */
    public boolean isAcronym() {
        if (kind != Kind.WORD || text.length() < 2) {
            return false;
        }
        boolean letters = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters = true;
                if (!Character.isUpperCase(c)) {
                    return false;
                }
            }
        }
        return letters;
    }

    public boolean is(String punctuationOrWord) {
        return text.equals(punctuationOrWord);
    }
}
