package dev.newsflow.contract;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What a tag denotes. Readers map a type added by a newer producer to {@link #UNKNOWN}. */
public enum TagType {
    @JsonProperty("place") PLACE,
    @JsonProperty("person") PERSON,
    @JsonProperty("organization") ORGANIZATION,
    @JsonProperty("topic") TOPIC,
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN
}
