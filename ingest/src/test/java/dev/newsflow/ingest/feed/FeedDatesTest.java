package dev.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedDatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Thu, 01 Jan 2004 19:48:21 GMT        | 2004-01-01T19:48:21Z",
            "Thu, 01 Jan 2004 19:48:21 +0100      | 2004-01-01T18:48:21Z",
            "Thu, 01 Jan 2004 19:48:21 -05:00     | 2004-01-02T00:48:21Z",
            "Thu, 01 Jan 2004 19:48:21 EST        | 2004-01-02T00:48:21Z",
            "Thu, 01 Jan 2004 19:48:21 CEST       | 2004-01-01T17:48:21Z",
            "Fri, 01 Jan 2004 19:48:21 GMT        | 2004-01-01T19:48:21Z",
            "Thursday, 1 January 2004 19:48 UT    | 2004-01-01T19:48:00Z",
            "01 Jan 04 19:48:21 Z                 | 2004-01-01T19:48:21Z",
            "1 Jan 2004 19:48:21                  | 2004-01-01T19:48:21Z",
            "Thu, 01 Jan 2004                     | 2004-01-01T00:00:00Z",
            "Thu,01 Jan 2004 19:48:21 GMT         | 2004-01-01T19:48:21Z",
            "Thu, 01 Jan 2004 24:00:00 GMT        | 2004-01-02T00:00:00Z",
            "2003-12-31T10:14:55Z                 | 2003-12-31T10:14:55Z",
            "2003-12-31T10:14:55-08:00            | 2003-12-31T18:14:55Z",
            "2003-12-31T10:14:55.123+0100         | 2003-12-31T09:14:55.123Z",
            "2003-12-31T10:14:55,5Z               | 2003-12-31T10:14:55.500Z",
            "2003-12-31T10:14:55                  | 2003-12-31T10:14:55Z",
            "2003-12-31T10:14Z                    | 2003-12-31T10:14:00Z",
            "2003-12-31 10:14:55                  | 2003-12-31T10:14:55Z",
            "2003-12-31                           | 2003-12-31T00:00:00Z",
            "Thu Jan 01 2004 19:48:21 GMT+0100 (CET) | 2004-01-01T18:48:21Z",
            "Thu Jan  1 19:48:21 2004             | 2004-01-01T19:48:21Z",
    })
    void shouldReadDatesFoundInFeedsAsUtcInstants(String text, String expected) {
        assertThat(FeedDates.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "yesterday", "Thu, 32 Jan 2004 19:48:21 GMT", "2003-13-01", "01 Foo 2004 10:00 GMT",
            "Thu, 01 Jan 2004 19:48:21 NOWHERE"})
    void shouldReturnNothingForTextThatIsNotADate(String text) {
        assertThat(FeedDates.parse(text)).isEmpty();
    }
}
