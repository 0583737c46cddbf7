package dev.newsflow.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What kind of outlet or body a source is. Serialised as its lower-case words, e.g. {@code "news agency"}. */
public enum SourceKind {
    NEWS_AGENCY,
    NEWSPAPER,
    BROADCASTER,
    NEWS_WEBSITE,
    MAGAZINE,
    RESEARCH_WEBSITE,
    THINK_TANK,
    GOVERNMENT,
    INTELLIGENCE_SERVICE,
    MILITARY,
    PHOTO_AGENCY,
    PHOTOGRAPHER,
    COMPANY,
    NGO,
    INTERNATIONAL_BODY,
    UNIVERSITY,
    SOCIAL_MEDIA,
    PERSON,
    UNKNOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Parses the wire name; unknown names map to {@link #UNKNOWN} so newer producers never break older readers. */
    @JsonCreator
    public static SourceKind fromWireName(String wireName) {
        if (wireName == null) {
            return UNKNOWN;
        }
        String normalised = wireName.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return Arrays.stream(values()).filter(kind -> kind.name().equals(normalised)).findFirst().orElse(UNKNOWN);
    }
}
