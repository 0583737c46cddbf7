package dev.newsflow.enrich.tagging;

import dev.newsflow.enrich.morph.Morphology;
import dev.newsflow.enrich.morph.PolishInflections;
import dev.newsflow.enrich.morph.PolishMorphology;
import dev.newsflow.enrich.morph.WordForms;
import dev.newsflow.enrich.tagging.NameMatch.Strength;
import dev.newsflow.enrich.text.AnalyzedText;
import dev.newsflow.enrich.text.Token;
import dev.newsflow.enrich.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds knowledge-base names in analysed text, through inflection.
 *
 * <p>Each name is tokenised like the text and each of its words compiled into the set of forms it may appear in:
 * <ul>
 *   <li>an acronym ("USA", "PAP") matches only itself, letter case included;</li>
 *   <li>a capitalised word ("Rosja", "Bloomberg") matches only capitalised words, through the proper-name lemma
 *       ("Rosji" -> Rosja) or generated Polish case forms ("Pjongjangu", "Kima"); inside multi-word names also
 *       through common lemmas ("Korei Północnej" -> Korea Północna);</li>
 *   <li>a lower-case word ("amerykański", "sankcja") matches any letter case through common lemmas.</li>
 * </ul>
 * Matching is greedy, longest name first. A single capitalised word that opens a sentence and that the dictionary
 * only knows as a common word ("Fakt ...") is not taken as a name. Immutable and thread-safe.
 */
public final class Gazetteer {

    private static final Pattern[] NO_PATTERNS = new Pattern[0];
    private static final Pattern[][][] NO_HITS = new Pattern[0][][];

    /** The patterns each word form may begin, per name set; a word capitalised looks here. */
    private final Map<String, Pattern[][]> index;
    /**
     * The patterns a word not capitalised can begin: most words of a text are such, and this index is a small part of
     * the whole, so their look-ups stay in the CPU's caches.
     */
    private final Map<String, Pattern[][]> lowerCaseIndex;
    private final int nameSets;
    private final KeyFilter indexKeys;
    private final KeyFilter lowerCaseIndexKeys;
    /** {@link #hitsOf(WordForms)}, made once: a method reference bound to this would be a new object at every token. */
    private final Function<WordForms, FormHits> hitsOf = this::hitsOf;

    private Gazetteer(Map<String, Pattern[][]> index, Map<String, Pattern[][]> lowerCaseIndex, int nameSets) {
        this.index = index;
        this.lowerCaseIndex = lowerCaseIndex;
        this.indexKeys = KeyFilter.of(index.keySet());
        this.lowerCaseIndexKeys = KeyFilter.of(lowerCaseIndex.keySet());
        this.nameSets = nameSets;
    }

    /** A name to compile: its owner, strength, the language it is written in and the name itself. */
    public record Entry(String ownerId, Strength strength, String language, String name) {
    }

    /**
     * Compiles several sets of names into one index, so that a text's word forms are looked up once for all of them;
     * {@link #find} matches each set on its own.
     */
    public static Gazetteer compile(List<? extends Collection<Entry>> nameSets) {
        List<Map<String, List<Pattern>>> indexes = new ArrayList<>();
        List<Map<String, List<Pattern>>> lowerCaseIndexes = new ArrayList<>();
        for (Collection<Entry> entries : nameSets) {
            Map<String, List<Pattern>> index = new HashMap<>();
            Map<String, List<Pattern>> lowerCaseIndex = new HashMap<>();
            compile(entries, index, lowerCaseIndex);
            indexes.add(index);
            lowerCaseIndexes.add(lowerCaseIndex);
        }
        return new Gazetteer(merge(indexes), merge(lowerCaseIndexes), nameSets.size());
    }

    private static void compile(Collection<Entry> entries, Map<String, List<Pattern>> index,
                                Map<String, List<Pattern>> lowerCaseIndex) {
        Set<String> seen = new HashSet<>();
        for (Entry entry : entries) {
            if (entry.name() == null || entry.name().isBlank()
                    || !seen.add(entry.ownerId() + '\u0000' + entry.strength() + '\u0000' + entry.name())) {
                continue;
            }
            Pattern pattern = Pattern.of(entry, Morphology.forLanguage(entry.language()));
            if (pattern == null) {
                continue;
            }
            PatternToken first = pattern.tokens.get(0);
            for (String key : first.indexKeys()) {
                index.computeIfAbsent(key, k -> new ArrayList<>()).add(pattern);
                if (first.matchesLowerCase()) {
                    lowerCaseIndex.computeIfAbsent(key, k -> new ArrayList<>()).add(pattern);
                }
            }
        }
    }

    private static Map<String, Pattern[][]> merge(List<Map<String, List<Pattern>>> perSet) {
        Map<String, Pattern[][]> merged = new HashMap<>();
        for (int set = 0; set < perSet.size(); set++) {
            int s = set;
            perSet.get(set).forEach((key, patterns) -> merged.computeIfAbsent(key, k -> emptyPostings(perSet.size()))[s]
                    = byRank(patterns));
        }
        return merged;
    }

    /**
     * The patterns best first ({@link #isBetter}), equals in their compiled order. The pattern chosen at a token is
     * the first of those that match with the highest rank, so this order chooses the same one while it lets the search
     * stop at the first match, or at the first pattern no better than one matched under another form.
     */
    private static Pattern[] byRank(List<Pattern> patterns) {
        Pattern[] ranked = patterns.toArray(Pattern[]::new);
        Arrays.sort(ranked, Comparator.<Pattern>comparingInt(pattern -> -pattern.tokens.size())
                .thenComparingInt(pattern -> pattern.strength.ordinal()));
        return ranked;
    }

    private static Pattern[][] emptyPostings(int nameSets) {
        Pattern[][] postings = new Pattern[nameSets][];
        Arrays.fill(postings, NO_PATTERNS);
        return postings;
    }

    /** The names of each set found in the text, greedily, longest first; one list per set, in compiled order. */
    public List<List<NameMatch>> find(AnalyzedText text) {
        Candidates candidates = candidates(text);
        List<List<NameMatch>> found = new ArrayList<>(nameSets);
        for (int set = 0; set < nameSets; set++) {
            found.add(find(text, candidates, set));
        }
        return found;
    }

    /**
     * What the index holds for each token: for each of its word forms in order, the patterns per set that the form may
     * begin. Walked in this order, the greedy choice is the same as looking each form up per set.
     */
    private record Candidates(Pattern[][][][] hitsAt) {
    }

    private Candidates candidates(AnalyzedText text) {
        Pattern[][][][] hitsAt = new Pattern[text.size()][][][];
        for (int i = 0; i < text.size(); i++) {
            FormHits hits = text.forms(i).derived(this, hitsOf);
            hitsAt[i] = text.token(i).isCapitalised() ? hits.capitalised() : hits.lowerCase();
        }
        return new Candidates(hitsAt);
    }

    /**
     * The index's postings for each of a word's forms, once read capitalised and once not. Kept with the word's
     * forms (morphology caches them per word), so a word met again costs no look-up in the index.
     */
    private record FormHits(Pattern[][][] capitalised, Pattern[][][] lowerCase) {
    }

    private FormHits hitsOf(WordForms forms) {
        return new FormHits(hitsOf(forms, index, indexKeys), hitsOf(forms, lowerCaseIndex, lowerCaseIndexKeys));
    }

    private static Pattern[][][] hitsOf(WordForms forms, Map<String, Pattern[][]> patterns, KeyFilter filter) {
        List<Pattern[][]> hits = new ArrayList<>(1);
        for (String key : forms.distinctForms()) {
            Pattern[][] postings = filter.mayContain(key) ? patterns.get(key) : null;
            if (postings != null) {
                hits.add(postings);
            }
        }
        return hits.isEmpty() ? NO_HITS : hits.toArray(Pattern[][][]::new);
    }

    private static List<NameMatch> find(AnalyzedText text, Candidates candidates, int set) {
        List<NameMatch> matches = new ArrayList<>();
        Pattern[][][][] hitsAt = candidates.hitsAt();
        int i = 0;
        while (i < text.size()) {
            Pattern best = null;
            for (Pattern[][] postings : hitsAt[i]) {
                for (Pattern pattern : postings[set]) {
                    if (!isBetter(pattern, best)) {
                        break;
                    }
                    if (pattern.matchesFoundAt(text, i)) {
                        best = pattern;
                        break;
                    }
                }
            }
            if (best == null) {
                i++;
                continue;
            }
            int end = i + best.tokens.size();
            Token first = text.token(i);
            Token last = text.token(end - 1);
            matches.add(new NameMatch(best.ownerId, best.strength, text.field(), i, end, first.start(), last.end(),
                    text.text().substring(first.start(), last.end()), best.isDoubtfulAt(text, i)));
            i = end;
        }
        return matches;
    }

    private static boolean isBetter(Pattern candidate, Pattern best) {
        if (best == null) {
            return true;
        }
        if (candidate.tokens.size() != best.tokens.size()) {
            return candidate.tokens.size() > best.tokens.size();
        }
        return candidate.strength.ordinal() < best.strength.ordinal();
    }

    /**
     * A bit per hash of the index's keys: most words of a text are no key, and this small table tells most of them
     * so without a look-up in the large index, whose table and entries are seldom in the CPU's caches.
     */
    private record KeyFilter(long[] bits, int mask) {

        static KeyFilter of(Set<String> keys) {
            int size = Integer.highestOneBit(Math.max(64, keys.size() * 8) - 1) << 1;
            long[] bits = new long[size / 64];
            KeyFilter filter = new KeyFilter(bits, size - 1);
            for (String key : keys) {
                int bit = filter.bitOf(key);
                bits[bit >>> 6] |= 1L << bit;
            }
            return filter;
        }

        /** False only for a string that is no key; true for every key and a few others. */
        boolean mayContain(String key) {
            int bit = bitOf(key);
            return (bits[bit >>> 6] & 1L << bit) != 0;
        }

        private int bitOf(String key) {
            int hash = key.hashCode();
            return (hash ^ hash >>> 16) & mask;
        }
    }

    /** A compiled name. */
    private static final class Pattern {
        final String ownerId;
        final Strength strength;
        final List<PatternToken> tokens;

        private Pattern(String ownerId, Strength strength, List<PatternToken> tokens) {
            this.ownerId = ownerId;
            this.strength = strength;
            this.tokens = tokens;
        }

        static Pattern of(Entry entry, Morphology morphology) {
            List<Token> tokens = Tokenizer.tokenize(entry.name().trim());
            if (tokens.isEmpty()) {
                return null;
            }
            List<PatternToken> compiled = new ArrayList<>();
            boolean polishMultiWord = tokens.size() > 1 && "pl".equals(entry.language());
            for (Token token : tokens) {
                compiled.add(PatternToken.of(token, morphology, polishMultiWord));
            }
            return new Pattern(entry.ownerId(), entry.strength(), List.copyOf(compiled));
        }

        /**
         * Whether the name stands at token {@code start}, where the index found it under one of the token's forms. A
         * common word matches on any of its forms, so then the first word matches already.
         */
        boolean matchesFoundAt(AnalyzedText text, int start) {
            if (start + tokens.size() > text.size()) {
                return false;
            }
            for (int k = tokens.get(0).kind == PatternToken.Kind.COMMON ? 1 : 0; k < tokens.size(); k++) {
                Token token = text.token(start + k);
                if (k > 0 && token.start() - text.token(start + k - 1).end() > 3) {
                    return false;
                }
                if (!tokens.get(k).matches(token, text.forms(start + k))) {
                    return false;
                }
            }
            if (tokens.size() == 1 && tokens.get(0).kind == PatternToken.Kind.ACRONYM && inCapitals(text, start)) {
                return false;
            }
            if (tokens.size() == 1 && tokens.get(0).kind == PatternToken.Kind.PROPER && text.startsSentence(start)) {
                WordForms forms = text.forms(start);
                return !(forms.properLemmas().isEmpty() && !forms.commonLemmas().isEmpty());
            }
            return true;
        }

        /** A one-word name opening a sentence that the dictionary also knows as a common word. */
        boolean isDoubtfulAt(AnalyzedText text, int start) {
            return text.commonWordDictionary() && tokens.size() == 1 && tokens.get(0).kind == PatternToken.Kind.PROPER
                    && text.startsSentence(start) && !text.forms(start).commonLemmas().isEmpty();
        }
    }

    /** An acronym next to another all-capitals word is part of a heading in capitals ("WHO IS THE ..."). */
    private static boolean inCapitals(AnalyzedText text, int i) {
        return i > 0 && isCapitalsWord(text.token(i - 1)) && text.token(i - 1).end() + 1 >= text.token(i).start()
                || i + 1 < text.size() && isCapitalsWord(text.token(i + 1))
                && text.token(i).end() + 1 >= text.token(i + 1).start();
    }

    private static boolean isCapitalsWord(Token token) {
        return token.isAcronym() && token.text().length() >= 2;
    }

    /** One compiled word of a name. */
    private static final class PatternToken {
        enum Kind { EXACT, ACRONYM, PROPER, COMMON }

        final Kind kind;
        final String written;
        final Set<String> keys;
        final Set<String> commonKeys;

        private PatternToken(Kind kind, String written, Set<String> keys, Set<String> commonKeys) {
            this.kind = kind;
            this.written = written;
            this.keys = keys;
            this.commonKeys = commonKeys;
        }

        /** @param inPolishName part of a multi-word Polish name, whose words may also match through common lemmas */
        static PatternToken of(Token token, Morphology morphology, boolean inPolishName) {
            String lower = token.text().toLowerCase(java.util.Locale.ROOT);
            if (!token.isWord()) {
                return new PatternToken(Kind.EXACT, token.text(), Set.of(lower), Set.of());
            }
            if (token.isAcronym()) {
                return new PatternToken(Kind.ACRONYM, token.text(), Set.of(lower), Set.of());
            }
            WordForms forms = morphology.analyse(token.text());
            Set<String> keys = new HashSet<>();
            keys.add(lower);
            if (token.isCapitalised()) {
                keys.addAll(forms.properLemmas());
                keys.addAll(PolishInflections.of(token.text()));
                Set<String> common = inPolishName
                        ? PolishMorphology.shared().analyse(lower).commonLemmas()
                        : Set.of();
                return new PatternToken(Kind.PROPER, token.text(), Set.copyOf(keys), common);
            }
            keys.addAll(forms.commonLemmas());
            return new PatternToken(Kind.COMMON, token.text(), Set.copyOf(keys), Set.of());
        }

        /** Whether a word that is not capitalised can match: true of common words, numbers and punctuation. */
        boolean matchesLowerCase() {
            return kind == Kind.COMMON || kind == Kind.EXACT
                    || kind == Kind.ACRONYM && !Character.isUpperCase(written.codePointAt(0));
        }

        Set<String> indexKeys() {
            Set<String> all = new HashSet<>(keys);
            all.addAll(commonKeys);
            return all;
        }

        boolean matches(Token token, WordForms forms) {
            return switch (kind) {
                case EXACT -> keys.contains(forms.lower());
                case ACRONYM -> token.text().equals(written);
                case PROPER -> token.isCapitalised()
                        && (keys.contains(forms.lower()) || intersects(keys, forms.properLemmas())
                        || !commonKeys.isEmpty() && intersects(commonKeys, forms.commonLemmas()));
                case COMMON -> containsAny(keys, forms.distinctForms());
            };
        }

        /** Whether {@code set} holds any of {@code forms}; walks the list by index, so no iterator is made. */
        private static boolean containsAny(Set<String> set, List<String> forms) {
            for (int i = 0; i < forms.size(); i++) {
                if (set.contains(forms.get(i))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean intersects(Set<String> a, Set<String> b) {
            if (a.isEmpty() || b.isEmpty()) {
                return false;
            }
            for (String s : b) {
                if (a.contains(s)) {
                    return true;
                }
            }
            return false;
        }
    }
}
