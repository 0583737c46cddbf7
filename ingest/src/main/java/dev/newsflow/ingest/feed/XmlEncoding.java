package dev.newsflow.ingest.feed;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The character encoding of an XML feed body, after the XML specification's appendix F, in this order:
 * <ol>
 *   <li>a byte order mark (UTF-8, UTF-16 or UTF-32, either byte order): it wins over everything, as RFC 7303 says;
 *   <li>without one, the first four bytes of {@code <?xml} or {@code <} in UTF-16 or UTF-32 ({@code 00 3C 00 3F},
 *       {@code 3C 00 00 00}, ...): they fix the encoding and its byte order, whatever the declaration's name for
 *       it ({@code utf-16}, {@code utf16}, {@code u16}, ...);
 *   <li>otherwise the bytes are ASCII-compatible, and the {@code charset} of the HTTP {@code Content-Type} counts,
 *       then the {@code encoding} of the XML declaration. The header wins, as RFC 7303 (section 3.2) and feedparser
 *       have it, unless the bytes show it cannot be right: a body that is not valid in the header's charset (a
 *       server labelling an ISO-8859-2 file with its default {@code charset=utf-8}), or a body that declares UTF-8
 *       and is valid multi-byte UTF-8 under a single-byte label (a server's {@code charset=iso-8859-1} default on a
 *       UTF-8 file). Then the declaration decides;
 *   <li>with neither, UTF-8; but see {@link #TEXT_DEFAULT} for {@code text/*} types.
 * </ol>
 * A name that Java does not know, or that names a UTF-16/32 encoding for ASCII-compatible bytes, is passed over.
 *
 * <p>Some names decode as a superset, as browsers do (WHATWG Encoding Standard): GB2312 as GB18030, since GB2312
 * labels routinely carry GBK characters; ISO-8859-1 and US-ASCII as windows-1252, whose curly quotes and dashes in
 * 0x80-0x9F are what such feeds mean (those bytes would otherwise be C1 control characters). ISO-8859-1 and
 * US-ASCII keep their name, windows-1252 agreeing with them on every other byte; GB2312 is reported as GB18030.
 */
final class XmlEncoding {

    /** The encoding to decode with, its name as reported, and the length of the byte order mark to skip. */
    record Detected(Charset charset, String name, int bomLength) {

        String decode(byte[] body) {
            return new String(body, bomLength, body.length - bomLength, charset);
        }
    }

    /**
     * A {@code text/*} type without a charset (most often {@code text/xml}): RFC 3023 made it US-ASCII whatever
     * the document declared, RFC 7303 (which replaced it) treats it like {@code application/xml}. feedparser follows
     * RFC 3023. newsflow follows RFC 7303 wherever the two decode differently: decoding a UTF-8 or ISO-8859-2 feed
     * served as plain {@code text/xml} as ASCII would lose every non-ASCII letter, and servers label {@code .xml}
     * files that way by default. A body that is all ASCII and declares no encoding reads the same either way, and is
     * reported as RFC 3023 has it, US-ASCII.
     */
    private static final Charset TEXT_DEFAULT = StandardCharsets.US_ASCII;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Set<String> GB2312_NAMES = Set.of("gb2312", "gb_2312", "gb_2312-80", "csgb2312", "gbk",
            "x-gbk", "cp936", "ms936", "windows-936", "chinese", "iso-ir-58", "csiso58gb231280");

    /** The encoding attribute of an XML declaration at the very start (after a BOM, if any). */
    private static final Pattern DECLARED = Pattern.compile(
            "^<\\?xml\\s[^>]*?encoding\\s*=\\s*([\"'])([A-Za-z][A-Za-z0-9._:+-]*)\\1");

    private XmlEncoding() {
    }

    /**
     * @param body        the feed bytes, leading whitespace already skipped
     * @param contentType the HTTP {@code Content-Type}, or null
     */
    static Detected detect(byte[] body, String contentType) {
        Detected bom = byBom(body);
        if (bom != null) {
            return bom;
        }
        Detected wide = byFirstBytes(body);
        if (wide != null) {
            return wide;
        }
        Optional<Detected> declared = asciiCompatible(declaredName(body));
        Optional<Detected> header = asciiCompatible(charsetParameter(contentType));
        if (header.isPresent() && (declared.isEmpty() || headerFits(header.get(), declared.get(), body))) {
            return header.get();
        }
        if (declared.isPresent()) {
            return declared.get();
        }
        if (mediaType(contentType).startsWith("text/") && isAscii(body)) {
            return named(TEXT_DEFAULT, 0);
        }
        return new Detected(StandardCharsets.UTF_8, "UTF-8", 0);
    }

    /** Whether the bytes allow the header's charset when the declaration names another one. */
    private static boolean headerFits(Detected header, Detected declared, byte[] body) {
        if (header.charset().equals(declared.charset())) {
            return true;
        }
        if (!decodesCleanly(body, header.charset())) {
            return false;
        }
        boolean declaredUtf8 = declared.charset().equals(StandardCharsets.UTF_8);
        boolean singleByteHeader = header.charset().newEncoder().maxBytesPerChar() <= 1.0f;
        return !(declaredUtf8 && singleByteHeader && !isAscii(body) && decodesCleanly(body, StandardCharsets.UTF_8));
    }

    private static boolean decodesCleanly(byte[] body, Charset charset) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Detected byBom(byte[] b) {
        if (starts(b, 0x00, 0x00, 0xFE, 0xFF)) {
            return new Detected(UTF_32BE, "UTF-32BE", 4);
        }
        if (starts(b, 0xFF, 0xFE, 0x00, 0x00)) {
            return new Detected(UTF_32LE, "UTF-32LE", 4);
        }
        if (starts(b, 0xEF, 0xBB, 0xBF)) {
            return new Detected(StandardCharsets.UTF_8, "UTF-8", 3);
        }
        if (starts(b, 0xFE, 0xFF)) {
            return new Detected(StandardCharsets.UTF_16BE, "UTF-16BE", 2);
        }
        if (starts(b, 0xFF, 0xFE)) {
            return new Detected(StandardCharsets.UTF_16LE, "UTF-16LE", 2);
        }
        return null;
    }

    /** {@code <} (and {@code ?}) in UTF-32 or UTF-16 without a BOM. */
    private static Detected byFirstBytes(byte[] b) {
        if (starts(b, 0x00, 0x00, 0x00, 0x3C)) {
            return new Detected(UTF_32BE, "UTF-32BE", 0);
        }
        if (starts(b, 0x3C, 0x00, 0x00, 0x00)) {
            return new Detected(UTF_32LE, "UTF-32LE", 0);
        }
        if (starts(b, 0x00, 0x3C, 0x00, 0x3F) || starts(b, 0x00, 0x3C) && b.length >= 4 && b[2] == 0) {
            return new Detected(StandardCharsets.UTF_16BE, "UTF-16BE", 0);
        }
        if (starts(b, 0x3C, 0x00, 0x3F, 0x00) || starts(b, 0x3C, 0x00) && b.length >= 4 && b[3] == 0) {
            return new Detected(StandardCharsets.UTF_16LE, "UTF-16LE", 0);
        }
        return null;
    }

    private static String declaredName(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.ISO_8859_1);
        Matcher matcher = DECLARED.matcher(head);
        return matcher.find() ? matcher.group(2) : null;
    }

    /** The {@code charset} parameter, quotes and spaces around it removed; null when absent. */
    static String charsetParameter(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                String value = pair[1].strip();
                if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                        && value.charAt(value.length() - 1) == value.charAt(0)) {
                    value = value.substring(1, value.length() - 1).strip();
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** The named encoding when Java knows it and it can be what ASCII-compatible bytes are in. */
    private static Optional<Detected> asciiCompatible(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (GB2312_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of(new Detected(GB18030, "GB18030", 0));
        }
        Charset charset;
        try {
            charset = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
        String canonical = charset.name().toUpperCase(Locale.ROOT);
        if (canonical.startsWith("UTF-16") || canonical.startsWith("UTF-32") || canonical.startsWith("X-UTF-16")
                || canonical.startsWith("X-UTF-32")) {
            return Optional.empty();
        }
        return Optional.of(named(charset, 0));
    }

    private static Detected named(Charset charset, int bomLength) {
        boolean latin = charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII);
        return new Detected(latin ? WINDOWS_1252 : charset, charset.name(), bomLength);
    }

    private static boolean isAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean starts(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
