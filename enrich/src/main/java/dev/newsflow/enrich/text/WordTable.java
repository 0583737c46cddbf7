package dev.newsflow.enrich.text;

import dev.newsflow.enrich.morph.Morphology;
import dev.newsflow.enrich.morph.WordForms;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words (and numbers and punctuation) last met in texts of one morphology, each with its forms: a table the
 * tokenizer reads a word in while it scans its characters, so a word met before is neither copied out of the text nor
 * looked up in the morphology's cache (hashing it there and comparing it again), and the forms of a number or a
 * quotation mark are not made again. One slot per hash, the newest word in it; a word not in its slot is copied and
 * analysed as before. Thread-safe: slots hold immutable entries, and a lost write only costs a miss.
 */
final class WordTable {

    private static final int SLOTS = 1 << 15;
    /** Tables are kept for this many morphologies at most (there are three); others tokenise without one. */
    private static final int MAX_TABLES = 8;
    private static final Map<Morphology, WordTable> TABLES = new ConcurrentHashMap<>();

    private final Morphology morphology;
    private final Entry[] slots = new Entry[SLOTS];

    private WordTable(Morphology morphology) {
        this.morphology = morphology;
    }

    /** The table of a morphology; {@code null} if too many morphologies were seen (then none is needed). */
    static WordTable of(Morphology morphology) {
        WordTable table = TABLES.get(morphology);
        if (table == null && TABLES.size() < MAX_TABLES) {
            table = TABLES.computeIfAbsent(morphology, WordTable::new);
        }
        return table;
    }

    /** A word and its forms; {@code hash} is the word's {@link String#hashCode()}. */
    record Entry(String word, int hash, WordForms forms) {
    }

    /**
     * The token {@code text[start, end)} with its forms.
     *
     * @param hash   the token's {@link String#hashCode()}, computed by the caller while it read the characters
     * @param isWord whether it is a word, analysed by the morphology; numbers and punctuation are only lower-cased
     *               (a text is always the same kind of token, so it shares its slot with no other kind)
     */
    Entry entry(String text, int start, int end, int hash, boolean isWord) {
        int slot = (hash ^ hash >>> 15) & (SLOTS - 1);
        Entry entry = slots[slot];
        int length = end - start;
        if (entry != null && entry.hash == hash && entry.word.length() == length
                && text.regionMatches(start, entry.word, 0, length)) {
            return entry;
        }
        String word = text.substring(start, end);
        WordForms forms = isWord ? morphology.analyse(word) : WordForms.plain(word.toLowerCase(Locale.ROOT));
        entry = new Entry(word, hash, forms);
        slots[slot] = entry;
        return entry;
    }
}
