package dev.newsflow.contract;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How an article uses a source. Readers map a role added by a newer producer to {@link #UNKNOWN}. */
public enum SourceRole {
    /** Quoted or reported from: "according to Reuters", "informuje agencja Bloomberga". */
    @JsonProperty("cited") CITED,
    /** Credited for a photo or other media: "Fot. PAP/EPA". */
    @JsonProperty("photo") PHOTO,
    /** The body a cited source belongs to: "38 North, part of the Stimson Center". */
    @JsonProperty("affiliation") AFFILIATION,
    /** The outlet that published the article. */
    @JsonProperty("publisher") PUBLISHER,
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN
}
