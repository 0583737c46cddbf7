package dev.newsflow.ingest.feed;

import java.nio.charset.Charset;
import org.jdom2.Attribute;
import org.jdom2.Content;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Text;

/**
 * C1 control characters (U+0080 to U+009F) in feed text read as the windows-1252 characters of the same codes, as
 * HTML does for {@code &#146;}: feeds written on Windows carry curly quotes and dashes that way, as character
 * references or mis-decoded bytes, and nobody means a C1 control in a headline.
 */
final class C1Controls {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private C1Controls() {
    }

    /** Replaces them in every text node and attribute value of the document. */
    static void replace(Document document) {
        for (Content content : document.getDescendants()) {
            if (content instanceof Text text) {
                String value = text.getText();
                String replaced = replace(value);
                if (!replaced.equals(value)) {
                    text.setText(replaced);
                }
            } else if (content instanceof Element element && element.hasAttributes()) {
                for (Attribute attribute : element.getAttributes()) {
                    attribute.setValue(replace(attribute.getValue()));
                }
            }
        }
    }

    static String replace(String text) {
        StringBuilder replaced = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                String windows = new String(new byte[] {(byte) c}, WINDOWS_1252);
                // five codes are unassigned in windows-1252 and stay as they are
                if (!windows.equals("\uFFFD")) {
                    if (replaced == null) {
                        replaced = new StringBuilder(text.length()).append(text, 0, i);
                    }
                    replaced.append(windows);
                    continue;
                }
            }
            if (replaced != null) {
                replaced.append(c);
            }
        }
        return replaced == null ? text : replaced.toString();
    }
}
