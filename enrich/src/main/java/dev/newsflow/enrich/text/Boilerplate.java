package dev.newsflow.enrich.text;

import java.util.regex.Pattern;

/** Line patterns of page furniture that are not part of an article, in the languages newsflow reads most. */
final class Boilerplate {

    /** Marks a video player inside the body; the headline line that follows it is the video's teaser. */
    static final Pattern VIDEO_TEASER = Pattern.compile(
            "^(?:Dalsza część artykułu (?:pod|poniżej) (?:materiałem|materiału) wideo|"
                    + "Artykuł (?:jest )?kontynuowany (?:pod|poniżej) (?:materiałem|materiału) wideo|"
                    + "(?:Zobacz|Obejrzyj) (?:też |także )?(?:wideo|film|materiał wideo)|ZOBACZ (?:TEŻ|TAKŻE)?\\s*WIDEO|"
                    + "Story continues (?:below|after) (?:this |the )?(?:video|advertisement|ad)|"
                    + "(?:Article|Story) continues below(?: advertisement| video)?|Continue reading (?:below|the main story)|"
                    + "Watch(?: the)? video|WATCH)\\b.{0,40}$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * A heading that introduces a list of links to other articles. At the end of a page everything after it is
     * furniture; in the middle of a body it is followed by a few headline lines.
     */
    private static final String RELATED = "(?:Wybrane dla (?:Ciebie|was)|Czytaj (?:też|także|również|więcej|dalej)|"
            + "Przeczytaj (?:też|także|również)|Zobacz (?:też|także|również)|Polecane(?: artykuły)?|Polecamy|"
            + "Najczęściej czytane|Najnowsze|Najpopularniejsze|Więcej (?:na ten temat|informacji|z kategorii)|"
            + "Inne artykuły|Powiązane(?: artykuły)?|Read (?:also|more|next)|"
            + "Related(?: articles| stories| content| coverage| news)?|More (?:from|on|stories)|"
            + "You (?:may|might) (?:also )?like|Recommended(?: for you| stories)?|Most (?:read|popular|viewed)|"
            + "Top stories|See also|Lesen Sie (?:auch|mehr)|Mehr zum Thema|Lire aussi|À lire aussi)";

    /**
     * A heading that introduces a list of links to other articles. At the end of a page everything after it is
     * furniture; in the middle of a body it is followed by a few headline lines.
     */
    static final Pattern RELATED_HEADING = Pattern.compile("^" + RELATED + "\\s*[:.!]?$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A single link to another article inside the body: "Czytaj też: headline". */
    static final Pattern RELATED_LINK = Pattern.compile("^" + RELATED + "\\s*:\\s*\\S.*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Share buttons, comment counters, ads and log-in prompts: lines that start with one. */
    private static final Pattern CHROME_LINE = Pattern.compile(
            "^(?:Udostępnij|Podziel się|Skopiuj link|Kopiuj link|Share(?: this| on| via)?|Tweet|Copy link|"
                    + "Komentarze|Comments|Reklama|Advertisement|Sponsored|Artykuł sponsorowany|Subscribe|Sign up|"
                    + "Zaloguj się|Log in)\\b.{0,80}$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Cookie banners, newsletter and subscription prompts, privacy and copyright notices, anywhere in a line. */
    private static final Pattern CHROME_PHRASE = Pattern.compile(
            "\\bcookies?\\b|ciasteczk|newslett|zapisz się|subskryb|subscribe to|sign up for|"
                    + "polityk[aęi] prywatności|privacy policy|all rights reserved|wszelkie prawa zastrzeżone",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * A literal that each branch of {@link #CHROME_PHRASE} contains, case-folded as the pattern folds (see
     * {@link #fold}): a line without any of them cannot match, and most lines have none, so the pattern, which
     * would try every branch at every position of the line, runs only on the few that do.
     */
    private static final String[] CHROME_PHRASE_LITERALS = {"cookie", "ciasteczk", "newslett", "zapisz się",
        "subskryb", "subscribe to", "sign up for", "polityk", "privacy policy", "all rights reserved",
        "wszelkie prawa zastrzeżone"};

    /** Whether the line is share buttons, a cookie banner, a newsletter prompt or the like (page chrome). */
    static boolean isPageChrome(String line) {
        if (CHROME_LINE.matcher(line).lookingAt()) {
            return true;
        }
        String folded = fold(line);
        for (String literal : CHROME_PHRASE_LITERALS) {
            if (folded.contains(literal)) {
                return CHROME_PHRASE.matcher(line).find();
            }
        }
        return false;
    }

    /**
     * Each char folded as {@link Pattern#CASE_INSENSITIVE} with {@link Pattern#UNICODE_CASE} compares it (lower case of
     * its upper case), one char for one, so a literal the pattern would find in the line is found in the folded line.
     */
    private static String fold(String line) {
        char[] chars = new char[line.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(Character.toUpperCase(line.charAt(i)));
        }
        return new String(chars);
    }

    /** Editor's sign-offs: "oprac. KKG", "opr. ab", "(Reporting by ...; Editing by ...)". */
    static final Pattern SIGN_OFF = Pattern.compile(
            "^(?:\\(?(?:oprac\\.|opr\\.|opracowanie:|opracował[a]?:?|aktualizacja:|autor:|"
                    + "Reporting by|Writing by|Editing by|Additional reporting by|Compiled by)\\s*.{0,120}\\)?)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private Boilerplate() {
    }
}
