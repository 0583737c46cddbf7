package dev.newsflow.ingest.feed;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.filter.Filters;

/**
 * Atom text constructs and content whose {@code type} is a media type that is neither text nor XML carry their value
 * base64-encoded (RFC 4287, section 4.1.3.3; Atom 0.3 said so with {@code mode="base64"}). Rome passes the base64
 * through; this decodes it in place and marks the element as plain text, when the decoded bytes are UTF-8 text.
 * Binary payloads (an image as content) stay as they are.
 */
final class AtomBase64 {

    private static final String ATOM_10 = "http://www.w3.org/2005/Atom";
    private static final String ATOM_03 = "http://purl.org/atom/ns#";
    private static final Set<String> TEXT_CONSTRUCTS = Set.of("title", "subtitle", "tagline", "summary", "content",
            "rights", "copyright");

    private AtomBase64() {
    }

    static void decode(Document document) {
        String namespace = document.getRootElement().getNamespaceURI();
        if (!namespace.equals(ATOM_10) && !namespace.equals(ATOM_03)) {
            return;
        }
        List<Element> elements = new ArrayList<>();
        document.getRootElement().getDescendants(Filters.element()).forEach(elements::add);
        for (Element element : elements) {
            if (TEXT_CONSTRUCTS.contains(element.getName())
                    && element.getNamespaceURI().equals(namespace) && isBase64(element)) {
                decodeInPlace(element);
            }
        }
    }

    private static boolean isBase64(Element element) {
        if ("base64".equalsIgnoreCase(element.getAttributeValue("mode"))) {
            return true;
        }
        String type = element.getAttributeValue("type");
        if (type == null || !type.contains("/")) {
            return false;
        }
        String mediaType = type.strip().toLowerCase(Locale.ROOT);
        return !mediaType.startsWith("text/") && !mediaType.endsWith("+xml") && !mediaType.endsWith("/xml");
    }

    private static void decodeInPlace(Element element) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(element.getTextTrim());
        } catch (IllegalArgumentException e) {
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return;
        }
        element.setText(text);
        element.removeAttribute("mode");
        element.setAttribute("type", element.getNamespaceURI().equals(ATOM_03) ? "text/plain" : "text");
    }
}
