package dev.newsflow.ingest.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** Decodes a {@code Content-Encoding}, counting the decoded bytes so a compression bomb stops at the cap. */
final class ContentDecoding {

    private static final int CHUNK = 16 * 1024;

    private ContentDecoding() {
    }

    /**
     * @throws BodyTooLargeException when the decoded body exceeds {@code maxBytes}
     * @throws IOException when the body is not valid for its encoding, or the encoding is unknown
     */
    static byte[] decode(String contentEncoding, byte[] body, long maxBytes) throws IOException {
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "", "identity" -> body;
            case "gzip", "x-gzip" -> inflate(new GZIPInputStream(new ByteArrayInputStream(body), CHUNK), maxBytes);
            case "deflate" -> inflate(new InflaterInputStream(new ByteArrayInputStream(body)), maxBytes);
            default -> throw new IOException("unsupported Content-Encoding '" + contentEncoding + "'");
        };
    }

    private static byte[] inflate(InputStream in, long maxBytes) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[CHUNK];
            long total = 0;
            int read;
            while ((read = in.read(chunk)) > 0) {
                total += read;
                if (total > maxBytes) {
                    throw new BodyTooLargeException(maxBytes);
                }
                out.write(chunk, 0, read);
            }
            return out.toByteArray();
        }
    }
}
