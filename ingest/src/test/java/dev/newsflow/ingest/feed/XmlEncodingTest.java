package dev.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlEncodingTest {

    private static final String FEED =
            "<rss version=\"2.0\"><channel><title>Żółw „na” 年</title></channel></rss>";

    @Test
    void shouldDetectUtf16AndUtf32FromTheByteOrderMarkOrTheFirstBytesWhateverTheDeclarationCallsThem() {
        for (String name : List.of("UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE")) {
            Charset charset = Charset.forName(name);
            byte[] declared = ("<?xml version=\"1.0\" encoding=\"u16\"?>" + FEED).getBytes(charset);
            byte[] bare = FEED.getBytes(charset);
            byte[] withBom = ("\uFEFF" + FEED).getBytes(charset);

            for (byte[] body : List.of(declared, bare, withBom)) {
                XmlEncoding.Detected detected = XmlEncoding.detect(body, "application/rss+xml; charset=utf-8");
                assertThat(detected.name()).as(name).isEqualTo(name);
                assertThat(detected.decode(body)).as(name).endsWith(FEED).doesNotStartWith("\uFEFF");
            }
        }
    }

    @Test
    void shouldLetTheByteOrderMarkWinOverTheDeclaration() {
        byte[] body = ("\uFEFF<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?>" + FEED).getBytes(StandardCharsets.UTF_8);

        XmlEncoding.Detected detected = XmlEncoding.detect(body, null);

        assertThat(detected.name()).isEqualTo("UTF-8");
        assertThat(detected.decode(body)).endsWith(FEED);
    }

    @Test
    void shouldLetTheHttpCharsetWinOverTheDeclarationAndTheCharsetOverTheDefault() {
        byte[] latin2 = ("<?xml version='1.0' encoding='ISO-8859-1'?>" + "<title>Żółw</title>")
                .getBytes(Charset.forName("ISO-8859-2"));
        byte[] undeclared = "<title>Żółw</title>".getBytes(Charset.forName("ISO-8859-2"));

        assertThat(XmlEncoding.detect(latin2, "text/xml; charset=iso-8859-2").decode(latin2)).endsWith("Żółw</title>");
        assertThat(XmlEncoding.detect(undeclared, "application/xml;charset= 'iso-8859-2'").name())
                .isEqualTo("ISO-8859-2");
        assertThat(XmlEncoding.detect(undeclared, "application/xml; charset = \"ISO-8859-2\"").decode(undeclared))
                .isEqualTo("<title>Żółw</title>");
    }

    @Test
    void shouldLetTheDeclarationWinWhenTheBytesShowTheHttpCharsetIsAServerDefault() {
        byte[] latin2 = ("<?xml version='1.0' encoding='ISO-8859-2'?>" + "<title>Żółw</title>")
                .getBytes(Charset.forName("ISO-8859-2"));
        byte[] utf8 = ("<?xml version='1.0' encoding='UTF-8'?>" + "<title>Żółw</title>").getBytes(StandardCharsets.UTF_8);

        assertThat(XmlEncoding.detect(latin2, "text/xml; charset=utf-8").decode(latin2)).endsWith("Żółw</title>");
        assertThat(XmlEncoding.detect(utf8, "application/rss+xml; charset=ISO-8859-1").decode(utf8))
                .endsWith("Żółw</title>");
        assertThat(XmlEncoding.detect(utf8, "application/rss+xml; charset=ISO-8859-1").name()).isEqualTo("UTF-8");
    }

    @Test
    void shouldPassOverUnknownNamesAndWideEncodingNamesForAsciiCompatibleBytes() {
        byte[] bogus = "<?xml version=\"1.0\" encoding=\"x-no-such-thing\"?><title>Żółw</title>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] mislabelled = "<?xml version=\"1.0\" encoding=\"utf-16\"?><title>Żółw</title>"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(XmlEncoding.detect(bogus, null).name()).isEqualTo("UTF-8");
        assertThat(XmlEncoding.detect(mislabelled, "text/xml; charset=utf-32").decode(mislabelled))
                .endsWith("<title>Żółw</title>");
    }

    @Test
    void shouldDecodeTextXmlWithoutCharsetAsUtf8UnlessTheBodyIsPlainAscii() {
        byte[] utf8 = ("<?xml version=\"1.0\"?>" + FEED).getBytes(StandardCharsets.UTF_8);
        byte[] ascii = "<?xml version=\"1.0\"?><title>plain</title>".getBytes(StandardCharsets.US_ASCII);

        XmlEncoding.Detected nonAscii = XmlEncoding.detect(utf8, "text/xml");

        assertThat(nonAscii.name()).isEqualTo("UTF-8");
        assertThat(nonAscii.decode(utf8)).endsWith(FEED);
        assertThat(XmlEncoding.detect(ascii, "text/xml").name()).isEqualTo("US-ASCII");
        assertThat(XmlEncoding.detect(ascii, "application/xml").name()).isEqualTo("UTF-8");
    }

    @Test
    void shouldDecodeGb2312AsGb18030AndLatin1AsWindows1252() {
        byte[] gbk = "<title>镕</title>".getBytes(Charset.forName("GBK"));
        byte[] quotes = "<title>£“test.”</title>".getBytes(Charset.forName("windows-1252"));

        XmlEncoding.Detected chinese = XmlEncoding.detect(gbk, "application/atom+xml; charset=gb2312");
        XmlEncoding.Detected latin1 = XmlEncoding.detect(quotes, "text/xml; charset=iso-8859-1");

        assertThat(chinese.name()).isEqualTo("GB18030");
        assertThat(chinese.decode(gbk)).isEqualTo("<title>镕</title>");
        assertThat(latin1.name()).isEqualTo("ISO-8859-1");
        assertThat(latin1.decode(quotes)).isEqualTo("<title>£“test.”</title>");
    }
}
