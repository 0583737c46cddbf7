package dev.newsflow.ingest.feed;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as feeds write them, normalised to UTC instants: RFC 822/1123 (with or without day name, seconds or zone,
 * two-digit years, full month names, named zones such as {@code EST} or {@code CEST}), ISO 8601/RFC 3339 (with
 * {@code T} or a space, comma or dot fractions, without seconds, zone or time), and the JavaScript
 * {@code Date.toString()} and C {@code asctime} forms. A date without a zone is read as UTC. Day names are ignored,
 * since feeds often get them wrong. Pure and thread-safe.
 */
public final class FeedDates {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[Tt ]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?"
                    + "\\s*(Z|z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern RFC_822 = Pattern.compile(
            "(?:[A-Za-z]+\\.?,?\\s*)?(\\d{1,2})[\\s-]+([A-Za-z]+)\\.?,?[\\s-]+(\\d{2,4}),?"
                    + "(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?)?\\s*(.*)");
    /** {@code Thu Jan 01 2004 19:48:21 GMT+0100 (CET)} (JavaScript) and {@code Thu Jan  1 19:48:21 2004} (asctime). */
    private static final Pattern MONTH_FIRST = Pattern.compile(
            "(?:[A-Za-z]+,?\\s+)?([A-Za-z]+)\\.?\\s+(\\d{1,2}),?\\s+(?:(\\d{4})\\s+)?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
                    + "\\s*(?:(\\d{4})\\b)?\\s*(.*)");
    private static final Pattern NUMERIC_ZONE = Pattern.compile("(?:GMT|UTC|UT)?\\s*([+-])(\\d{1,2}):?(\\d{2})?\\b.*");

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
            Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10),
            Map.entry("nov", 11), Map.entry("dec", 12));

    /** Named zones seen in feeds, in minutes east of UTC. */
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("Z", 0), Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("WET", 0),
            Map.entry("BST", 60), Map.entry("IST", 60), Map.entry("WEST", 60), Map.entry("CET", 60),
            Map.entry("MET", 60), Map.entry("CEST", 120), Map.entry("MEST", 120), Map.entry("EET", 120),
            Map.entry("EEST", 180), Map.entry("MSK", 180),
            Map.entry("EST", -300), Map.entry("EDT", -240), Map.entry("CST", -360), Map.entry("CDT", -300),
            Map.entry("MST", -420), Map.entry("MDT", -360), Map.entry("PST", -480), Map.entry("PDT", -420),
            Map.entry("AKST", -540), Map.entry("AKDT", -480), Map.entry("HST", -600),
            Map.entry("AEST", 600), Map.entry("AEDT", 660), Map.entry("JST", 540), Map.entry("KST", 540));

    private FeedDates() {
    }

    /** The instant the text denotes, or empty when it is blank or in no format this class knows. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String date = text.strip().replaceAll("\\s+", " ");
        try {
            Matcher iso = ISO.matcher(date);
            if (iso.matches()) {
                return Optional.of(iso(iso));
            }
            Matcher rfc = RFC_822.matcher(date);
            if (rfc.matches()) {
                return zoneMinutes(rfc.group(7)).map(zone -> at(year(rfc.group(3)), month(rfc.group(2)),
                        number(rfc.group(1)), number(rfc.group(4)), number(rfc.group(5)), number(rfc.group(6)), 0, zone));
            }
            Matcher monthFirst = MONTH_FIRST.matcher(date);
            if (monthFirst.matches() && (monthFirst.group(3) != null || monthFirst.group(7) != null)) {
                String year = monthFirst.group(3) != null ? monthFirst.group(3) : monthFirst.group(7);
                return zoneMinutes(monthFirst.group(8)).map(zone -> at(Integer.parseInt(year), month(monthFirst.group(1)),
                        number(monthFirst.group(2)), number(monthFirst.group(4)), number(monthFirst.group(5)),
                        number(monthFirst.group(6)), 0, zone));
            }
        } catch (DateTimeException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Instant iso(Matcher iso) {
        String fraction = iso.group(7) == null ? "0" : (iso.group(7) + "000000000").substring(0, 9);
        String zone = iso.group(8);
        int minutes = zone == null ? 0 : zoneMinutes(zone).orElseThrow(() -> new IllegalArgumentException(zone));
        return at(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)),
                number(iso.group(4)), number(iso.group(5)), number(iso.group(6)), Integer.parseInt(fraction), minutes);
    }

    private static Instant at(int year, int month, int day, int hour, int minute, int second, int nanos, int zone) {
        if (hour == 24 && minute == 0 && second == 0) {
            return LocalDateTime.of(year, month, day, 0, 0).plusDays(1).toInstant(ZoneOffset.ofTotalSeconds(zone * 60));
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                .toInstant(ZoneOffset.ofTotalSeconds(zone * 60));
    }

    /** Minutes east of UTC; zero for no zone; empty for a zone this class does not know. */
    static Optional<Integer> zoneMinutes(String zone) {
        String text = zone == null ? "" : zone.strip().replaceAll("^\\(|\\)$", "");
        if (text.isEmpty()) {
            return Optional.of(0);
        }
        Matcher numeric = NUMERIC_ZONE.matcher(text);
        if (numeric.matches()) {
            int hours = Integer.parseInt(numeric.group(2));
            int minutes = numeric.group(3) == null ? 0 : Integer.parseInt(numeric.group(3));
            int total = hours * 60 + minutes;
            return Optional.of(numeric.group(1).equals("-") ? -total : total);
        }
        String name = text.split("[\\s(]")[0].toUpperCase(Locale.ROOT);
        if (ZONES.containsKey(name)) {
            return Optional.of(ZONES.get(name));
        }
        if (name.length() == 1 && Character.isLetter(name.charAt(0))) {
            return Optional.of(0); // RFC 822 military zones: RFC 1123 says to treat them as UTC, their sign was botched
        }
        return Optional.empty();
    }

    private static int month(String name) {
        String key = name.length() < 3 ? name : name.substring(0, 3).toLowerCase(Locale.ROOT);
        Integer month = MONTHS.get(key);
        if (month == null) {
            throw new IllegalArgumentException("unknown month " + name);
        }
        return month;
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (digits.length() == 2) {
            return year < 50 ? 2000 + year : 1900 + year;
        }
        if (digits.length() == 3) {
            throw new IllegalArgumentException("three-digit year " + digits);
        }
        return year;
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}
