package dev.newsflow.enrich.language;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fast first look at a text's language: the most frequent function words of each language, counted. Prose in
 * one language is full of them ("się", "że", "the", "der"), and when one language's words clearly outnumber every
 * other's the answer is that language; anything less clear (short text, mixed text, close languages, a language
 * without a list here) is left to Lingua. It only ever answers where Lingua answers the same: CorpusTest checks that
 * on every corpus text. It costs a few microseconds against Lingua's few hundred.
 */
final class FunctionWords {

    /** Hits the leading language needs at least. */
    static final int MIN_HITS = 6;

    /** The leading language's hits must be at least this many times the runner-up's. */
    static final int MIN_RATIO = 4;

    /** Hits must be at least this share of all words: prose, not a list of names. */
    static final double MIN_SHARE = 0.1;

    /**
     * Frequent words per language. A word listed for two or more of the configured languages ("na", "la", "in") is
     * no evidence and is not counted.
     */
    private static final Map<String, Set<String>> WORDS = Map.of(
            "en", Set.of("the", "and", "of", "to", "is", "was", "that", "with", "for", "on", "are", "were", "this",
                    "have", "has", "from", "by", "which", "be", "it", "his", "their", "they", "said", "will",
                    "would", "not", "at", "an", "or", "its", "after", "been", "who", "a", "as", "in", "but", "he",
                    "she", "had", "more", "than", "also", "about", "over", "year", "says", "could", "into"),
            "pl", Set.of("się", "że", "nie", "jest", "oraz", "przez", "dla", "jego", "już", "był", "była", "było",
                    "także", "który", "która", "które", "którzy", "którego", "której", "tego", "przy", "czy", "są",
                    "będzie", "tylko", "również", "jednak", "więc", "gdy", "ich", "w", "we", "z", "ze", "na", "do",
                    "po", "od", "to", "i", "o", "a", "za", "według", "podczas", "około", "ponad", "wobec", "wraz",
                    "niż", "przed", "między", "roku", "proc", "mln", "mld", "tys", "jak", "może"),
            "cs", Set.of("se", "je", "že", "v", "ve", "na", "a", "to", "s", "z", "do", "o", "jsou", "byl", "byla",
                    "bylo", "také", "který", "která", "které", "pro", "jako", "ale", "podle", "jeho", "už", "při",
                    "než", "tak", "by", "jsem", "před", "mezi", "roce", "až", "či"),
            "de", Set.of("der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "dem", "des", "auf", "für",
                    "ein", "eine", "einen", "sich", "auch", "wird", "wurde", "dass", "bei", "nach", "aus", "zu", "im",
                    "sie", "es", "werden", "hat", "in", "am", "sagte", "noch", "wie", "einer", "über"),
            "fr", Set.of("le", "la", "les", "des", "et", "est", "une", "un", "du", "que", "qui", "dans", "pour", "pas",
                    "sur", "au", "aux", "avec", "par", "il", "elle", "sont", "été", "ce", "cette", "ses", "plus",
                    "ont", "a", "en", "de", "selon", "mais", "leur"),
            "es", Set.of("el", "la", "los", "las", "de", "del", "que", "y", "en", "un", "una", "es", "por", "con",
                    "para", "se", "su", "sus", "al", "lo", "como", "más", "pero", "fue", "está", "han", "ha", "según",
                    "este", "esta", "entre"),
            "it", Set.of("il", "la", "di", "che", "e", "del", "della", "per", "un", "una", "è", "non", "con", "sono",
                    "gli", "le", "dei", "nel", "alla", "anche", "più", "al", "ha", "come", "ma", "questo", "delle",
                    "secondo", "in", "da", "stato"),
            "ru", Set.of("и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "она", "его", "к", "из", "за",
                    "от", "для", "был", "была", "были", "также", "который", "которая", "которые", "так", "уже",
                    "или", "но", "же", "бы", "заявил", "года"),
            "uk", Set.of("і", "в", "у", "не", "на", "що", "з", "до", "як", "це", "він", "вона", "його", "від", "для",
                    "був", "була", "були", "також", "який", "яка", "які", "та", "але", "вже", "або", "із", "її",
                    "року"));

    private final List<String> languages;
    private final Map<String, Integer> languageOfWord = new HashMap<>();

    private FunctionWords(List<String> languages) {
        this.languages = languages;
        Map<String, Integer> listedIn = new HashMap<>();
        for (String language : languages) {
            for (String word : WORDS.get(language)) {
                listedIn.merge(word, 1, Integer::sum);
            }
        }
        for (int index = 0; index < languages.size(); index++) {
            for (String word : WORDS.get(languages.get(index))) {
                if (listedIn.get(word) == 1) {
                    languageOfWord.put(word, index);
                }
            }
        }
    }

    /** For the configured languages, or empty when any of them has no word list (it could never be ruled out). */
    static Optional<FunctionWords> forLanguages(Set<String> codes) {
        if (!WORDS.keySet().containsAll(codes)) {
            return Optional.empty();
        }
        return Optional.of(new FunctionWords(List.copyOf(codes)));
    }

    /** The language whose function words clearly dominate {@code text}, if one does. */
    Optional<String> clearLanguage(String text) {
        int[] hits = new int[languages.size()];
        int words = 0;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            words++;
            Integer language = languageOfWord.get(text.substring(start, i).toLowerCase(Locale.ROOT));
            if (language != null) {
                hits[language]++;
            }
        }
        int best = -1;
        int second = 0;
        for (int k = 0; k < hits.length; k++) {
            if (best < 0 || hits[k] > hits[best]) {
                second = best < 0 ? second : Math.max(second, hits[best]);
                best = k;
            } else {
                second = Math.max(second, hits[k]);
            }
        }
        if (best < 0 || hits[best] < MIN_HITS || hits[best] < MIN_RATIO * second
                || hits[best] < MIN_SHARE * words) {
            return Optional.empty();
        }
        return Optional.of(languages.get(best));
    }
}
