package dev.newsflow.ingest.bench;

import dev.newsflow.contract.ArticleId;
import dev.newsflow.contract.FeedState;
import dev.newsflow.ingest.dedup.ContentHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The benchmark's feed server: N synthetic RSS feeds spread over many loopback addresses ({@code 127.77.x.y}, all
 * on the loopback interface on Linux, so no socket listens beyond this machine), each its own host for ingest's
 * per-host limits. One non-blocking thread serves every address over keep-alive HTTP/1.1, so the server costs
 * little CPU next to ingest and its CPU time can be told apart ({@link #threadId()}).
 *
 * <p>Each feed carries a window of {@code itemsPerFeed} items of its current generation and answers its ETag. A
 * request with the matching {@code If-None-Match} gets {@code 304}, except that with probability
 * {@code changedFraction} the feed gains a new item first and answers {@code 200} with a new ETag. The server counts
 * what it answered, how many of the items it served ingest cannot have seen (the expected records), and, through a
 * lookup of ingest's feed state, how late each poll started after its due time.
 */
final class FeedServer implements AutoCloseable {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    private final String runId;
    private final int feeds;
    private final int itemsPerFeed;
    private final double changedFraction;
    private final int[] generation;
    private final int[] lastServed;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final String[] hostNames;
    private final int[] ports;
    private final Selector selector;
    private final Thread thread;
    private final SplittableRandom random = new SplittableRandom(42);
    private volatile Function<String, Optional<FeedState>> states = id -> Optional.empty();
    private volatile boolean recordLateness;
    private volatile boolean closed;

    final AtomicLong requests = new AtomicLong();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong notModified = new AtomicLong();
    final AtomicLong other = new AtomicLong();
    final AtomicLong newItems = new AtomicLong();
    /** Lateness since the last {@link #takeLatenessWindow()}: count, sum and max in ms. */
    private final AtomicLong windowCount = new AtomicLong();
    private final AtomicLong windowSum = new AtomicLong();
    private final AtomicLong windowMax = new AtomicLong();
    /** Lateness samples (ms) while recording, written by the server thread only. */
    private int[] lateness = new int[1024];
    private int latenessCount;

    FeedServer(String runId, int feeds, int hosts, int itemsPerFeed, double changedFraction) {
        this.runId = runId;
        this.feeds = feeds;
        this.itemsPerFeed = itemsPerFeed;
        this.changedFraction = changedFraction;
        this.generation = new int[feeds];
        this.lastServed = new int[feeds];
        // every feed starts with a full window, which the seeded state says ingest has seen
        Arrays.fill(generation, itemsPerFeed - 1);
        Arrays.fill(lastServed, itemsPerFeed - 1);
        this.hostNames = new String[hosts];
        this.ports = new int[hosts];
        try {
            selector = Selector.open();
            for (int host = 0; host < hosts; host++) {
                String name = "127.77." + (host / 250) + "." + (host % 250 + 1);
                ServerSocketChannel listener = ServerSocketChannel.open();
                listener.bind(new InetSocketAddress(InetAddress.getByName(name), 0), 1024);
                listener.configureBlocking(false);
                listener.register(selector, SelectionKey.OP_ACCEPT);
                listeners.add(listener);
                hostNames[host] = name;
                ports[host] = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot listen on the loopback addresses 127.77.x.y: " + e.getMessage(), e);
        }
        thread = new Thread(this::serve, "bench-feed-server");
        thread.setDaemon(true);
        thread.start();
    }

    long threadId() {
        return thread.getId();
    }

    String feedId(int feed) {
        return "b" + runId + "-" + feed;
    }

    URI feedUri(int feed) {
        int host = feed % hostNames.length;
        return URI.create("http://" + hostNames[host] + ":" + ports[host] + "/feeds/" + feed + ".xml");
    }

    /** Where ingest's state of a feed is looked up, to measure how late each poll starts. */
    void lookUpStatesWith(Function<String, Optional<FeedState>> lookup) {
        this.states = lookup;
    }

    void recordLateness(boolean on) {
        recordLateness = on;
    }

    /** The lateness samples recorded (ms); call after {@link #close()}. */
    int[] latenessSamples() {
        return Arrays.copyOf(lateness, latenessCount);
    }

    /** {count, mean ms, max ms} of the lateness since the last call. */
    long[] takeLatenessWindow() {
        long count = windowCount.getAndSet(0);
        long sum = windowSum.getAndSet(0);
        long max = windowMax.getAndSet(0);
        return new long[] {count, count == 0 ? 0 : sum / count, max};
    }

    /** The state ingest should resume a feed from: due at {@code dueAt}, with the current ETag. */
    FeedState seededState(int feed, Instant dueAt, Instant lastPolled) {
        String url = feedUri(feed).toString();
        return new FeedState(feedId(feed), url, url, etag(feed, generation[feed]), null, dueAt, 0, null, 304, null,
                lastPolled);
    }

    /** Article ids and content hashes of the items a feed carries now, as ingest would remember them. */
    List<String[]> seededItems(int feed) {
        List<String[]> items = new ArrayList<>();
        int newest = generation[feed];
        for (int item = Math.max(0, newest - itemsPerFeed + 1); item <= newest; item++) {
            String id = ArticleId.of(itemLink(feed, item), null).orElseThrow();
            items.add(new String[] {id, ContentHash.of(itemTitle(feed, item), itemText(feed, item))});
        }
        return items;
    }

    private void serve() {
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(MAX_REQUEST_BYTES);
        while (!closed) {
            try {
                selector.select(200);
                var keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            SocketChannel channel = ((ServerSocketChannel) key.channel()).accept();
                            if (channel != null) {
                                channel.configureBlocking(false);
                                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                                channel.register(selector, SelectionKey.OP_READ, new Connection());
                            }
                        } else if (key.isReadable()) {
                            read(key, readBuffer);
                        } else if (key.isWritable()) {
                            flush(key);
                        }
                    } catch (IOException | RuntimeException e) {
                        closeQuietly(key);
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** What arrived of a connection's current request, and what is still to be written of its answer. */
    private static final class Connection {
        byte[] request = new byte[0];
        ByteBuffer pending;
    }

    private void read(SelectionKey key, ByteBuffer buffer) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        Connection connection = (Connection) key.attachment();
        buffer.clear();
        int read = channel.read(buffer);
        if (read < 0) {
            closeQuietly(key);
            return;
        }
        buffer.flip();
        byte[] joined = Arrays.copyOf(connection.request, connection.request.length + buffer.remaining());
        buffer.get(joined, connection.request.length, buffer.remaining());
        int end = indexOf(joined, HEADER_END);
        if (end < 0) {
            if (joined.length > MAX_REQUEST_BYTES) {
                closeQuietly(key);
            } else {
                connection.request = joined;
            }
            return;
        }
        // GET requests carry no body; anything after the headers would be a pipelined request, which
        // java.net.http never sends
        connection.request = new byte[0];
        ByteBuffer answer = ByteBuffer.wrap(answer(new String(joined, 0, end, StandardCharsets.ISO_8859_1)));
        channel.write(answer);
        if (answer.hasRemaining()) {
            connection.pending = answer;
            key.interestOps(SelectionKey.OP_WRITE);
        }
    }

    private void flush(SelectionKey key) throws IOException {
        Connection connection = (Connection) key.attachment();
        ((SocketChannel) key.channel()).write(connection.pending);
        if (!connection.pending.hasRemaining()) {
            connection.pending = null;
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    private byte[] answer(String head) {
        requests.incrementAndGet();
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        int feed = requestLine.length >= 2 ? feedOf(requestLine[1]) : -1;
        if (feed < 0) {
            other.incrementAndGet();
            return "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        }
        noteLateness(feed);
        String ifNoneMatch = null;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].regionMatches(true, 0, "If-None-Match:", 0, 14)) {
                ifNoneMatch = lines[i].substring(14).strip();
            }
        }
        int current = generation[feed];
        if (etag(feed, current).equals(ifNoneMatch)) {
            if (random.nextDouble() >= changedFraction) {
                notModified.incrementAndGet();
                return ("HTTP/1.1 304 Not Modified\r\nETag: " + etag(feed, current) + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            current = ++generation[feed];
        }
        ok.incrementAndGet();
        newItems.addAndGet(Math.max(0, Math.min(itemsPerFeed, current - lastServed[feed])));
        lastServed[feed] = Math.max(lastServed[feed], current);
        byte[] body = rss(feed, current).getBytes(StandardCharsets.UTF_8);
        byte[] headers = ("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\nETag: "
                + etag(feed, current) + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] answer = Arrays.copyOf(headers, headers.length + body.length);
        System.arraycopy(body, 0, answer, headers.length, body.length);
        return answer;
    }

    private void noteLateness(int feed) {
        Optional<FeedState> state = states.apply(feedId(feed));
        if (state.isEmpty() || state.get().nextPollAt() == null) {
            return;
        }
        long late = Math.max(0, java.time.Duration.between(state.get().nextPollAt(), Instant.now()).toMillis());
        windowCount.incrementAndGet();
        windowSum.addAndGet(late);
        windowMax.accumulateAndGet(late, Math::max);
        if (recordLateness) {
            if (latenessCount == lateness.length) {
                lateness = Arrays.copyOf(lateness, lateness.length * 2);
            }
            lateness[latenessCount++] = (int) Math.min(Integer.MAX_VALUE, late);
        }
    }

    private int feedOf(String path) {
        if (!path.startsWith("/feeds/") || !path.endsWith(".xml")) {
            return -1;
        }
        try {
            int feed = Integer.parseInt(path.substring(7, path.length() - 4));
            return feed >= 0 && feed < feeds ? feed : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String etag(int feed, int generation) {
        return "\"" + runId + "-" + feed + "-" + generation + "\"";
    }

    private String itemLink(int feed, int item) {
        return "https://bench.newsflow.invalid/" + runId + "/" + feed + "/" + item;
    }

    private static String itemTitle(int feed, int item) {
        return "Story " + item + " of synthetic feed " + feed;
    }

    private static String itemText(int feed, int item) {
        return "The lead of story " + item + " of synthetic feed " + feed
                + ": a few words, as most feeds carry, so that the item reads like a real one.";
    }

    private String rss(int feed, int newest) {
        StringBuilder xml = new StringBuilder(512 + itemsPerFeed * 400);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
                .append("<title>Synthetic feed ").append(feed).append("</title>")
                .append("<link>https://bench.newsflow.invalid/").append(runId).append('/').append(feed).append("</link>")
                .append("<description>A benchmark feed</description><language>en</language>\n");
        for (int item = newest; item >= Math.max(0, newest - itemsPerFeed + 1); item--) {
            String link = itemLink(feed, item);
            xml.append("<item><title>").append(itemTitle(feed, item)).append("</title><link>").append(link)
                    .append("</link><guid>").append(link).append("</guid><description>")
                    .append(itemText(feed, item)).append("</description><pubDate>")
                    .append(RFC_1123.format(EPOCH.plusSeconds(60L * item))).append("</pubDate></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ServerSocketChannel listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (selector != null) {
            try {
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
                selector.close();
            } catch (IOException | RuntimeException e) {
                // closing anyway
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FeedServer[%d feeds on %d hosts]", feeds, hostNames.length);
    }
}
