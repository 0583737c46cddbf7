package dev.newsflow.enrich.tagging;

import dev.newsflow.contract.Evidence;

/**
 * A knowledge-base name found in a field.
 *
 * @param ownerId    id of the entity or topic the name belongs to
 * @param strength   how the name refers to it
 * @param field      {@link Evidence#TITLE}, {@link Evidence#TEXT} or {@link Evidence#CAPTIONS}
 * @param firstToken index of the first token
 * @param endToken   index after the last token
 * @param start      character offset in the field
 * @param end        character offset after the match
 * @param text       the matched text as written
 * @param doubtful   a single word opening a sentence that is also a common word ("Łódź podwodna", "Katar
 *                   męczy"): it names the entity only if the article names it elsewhere too
 */
public record NameMatch(String ownerId, Strength strength, String field, int firstToken, int endToken, int start,
                        int end, String text, boolean doubtful) {

    public NameMatch(String ownerId, Strength strength, String field, int firstToken, int endToken, int start,
                     int end, String text) {
        this(ownerId, strength, field, firstToken, endToken, start, end, text, false);
    }

    /** How a written name refers to its owner, strongest first. */
    public enum Strength {
        /** A full name or an unambiguous alias: "Korea Płn.", "Władimir Putin", "USA". */
        NAME,
        /** A short name that refers back to a full name in the same article: "Kima". */
        SHORT,
        /** An adjective or demonym: "amerykański", "Russian". */
        FORM,
        /** A topic keyword: "sankcje", "sprzedaż broni". */
        KEYWORD,
        /** A phrase that cancels keywords inside it: "z kolei". */
        EXCLUDE
    }

    public Evidence evidence() {
        return new Evidence(field, text, start, end);
    }

    public int length() {
        return endToken - firstToken;
    }
}
