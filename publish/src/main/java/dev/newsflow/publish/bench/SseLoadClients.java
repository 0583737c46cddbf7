package dev.newsflow.publish.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Many Server-Sent Events clients on one thread, for {@link PublishBenchmark}'s stream phase, run in a child JVM so
 * the clients' sockets do not share the server's file-descriptor limit. Each client is a non-blocking socket with a
 * small HTTP/1.1 response parser (status, headers, chunked body) and counts the {@code id:} lines of the events it
 * gets; nothing is kept per event.
 *
 * <p>Protocol: {@code java ... SseLoadClients HOST PORT PATH CLIENTS}. It opens the clients, a bounded number
 * connecting at a time, and prints {@code ready opened=N failed=N} on stdout once every client opened its stream or
 * failed, or nothing moved for {@value #STALL_SECONDS} s. It then reads {@code expect M} on stdin, waits until every
 * open client got M events (or nothing moved for {@value #STALL_SECONDS} s), prints {@code done ...} with the counts and
 * exits. Progress goes to stderr.
 */
public final class SseLoadClients {

    static final int STALL_SECONDS = 30;
    private static final int CONNECTING_AT_ONCE = 200;

    private SseLoadClients() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: SseLoadClients HOST PORT PATH CLIENTS");
            System.exit(2);
        }
        PrintStream out = System.out;
        PrintStream progress = System.err;
        InetSocketAddress address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        byte[] request = ("GET " + args[2] + " HTTP/1.1\r\nHost: " + args[0] + ":" + args[1]
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        int wanted = Integer.parseInt(args[3]);

        long[] expected = {-1};
        Thread stdin = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("expect ")) {
                        synchronized (expected) {
                            expected[0] = Long.parseLong(line.substring(7).strip());
                        }
                    }
                }
            } catch (IOException e) {
                // the parent went away: the stall timeout ends this process
            }
            // stdin closed: the parent is gone or done
            synchronized (expected) {
                if (expected[0] < 0) {
                    expected[0] = Long.MAX_VALUE;
                }
            }
        }, "stdin");
        stdin.setDaemon(true);
        stdin.start();

        List<Client> clients = new ArrayList<>(wanted);
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        try (Selector selector = Selector.open()) {
            int started = 0;
            boolean ready = false;
            long lastChange = System.nanoTime();
            long lastSignature = -1;
            long nextProgress = System.nanoTime() + 1_000_000_000L;
            long connectStart = System.nanoTime();
            long nextCheck = 0;
            while (true) {
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    Client client = (Client) key.attachment();
                    try {
                        if (key.isConnectable()) {
                            client.channel.finishConnect();
                            client.channel.write(ByteBuffer.wrap(request));
                            key.interestOps(SelectionKey.OP_READ);
                        } else if (key.isReadable()) {
                            buffer.clear();
                            int read = client.channel.read(buffer);
                            if (read < 0) {
                                client.end(key, "closed by the server");
                            } else {
                                buffer.flip();
                                client.feed(buffer);
                                if (client.failure != null) {
                                    client.end(key, client.failure);
                                }
                            }
                        }
                    } catch (IOException e) {
                        client.end(key, e.toString());
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() < nextCheck) {
                    continue;
                }
                nextCheck = System.nanoTime() + 100_000_000L;
                int connecting = 0;
                for (Client client : clients) {
                    if (!client.opened && !client.ended) {
                        connecting++;
                    }
                }
                while (started < wanted && connecting < CONNECTING_AT_ONCE) {
                    clients.add(Client.open(selector, address, request, started));
                    started++;
                    connecting++;
                }

                int opened = 0;
                int ended = 0;
                long eventsMin = Long.MAX_VALUE;
                long eventsMax = 0;
                long eventsTotal = 0;
                for (Client client : clients) {
                    if (client.opened) {
                        opened++;
                    }
                    if (client.ended) {
                        ended++;
                    } else if (client.opened) {
                        eventsMin = Math.min(eventsMin, client.events);
                    }
                    eventsMax = Math.max(eventsMax, client.events);
                    eventsTotal += client.events;
                }
                if (eventsMin == Long.MAX_VALUE) {
                    eventsMin = 0;
                }
                long signature = opened * 31L + ended * 7L + eventsTotal * 1_000_003L;
                long now = System.nanoTime();
                if (signature != lastSignature) {
                    lastSignature = signature;
                    lastChange = now;
                }
                boolean stalled = now - lastChange > STALL_SECONDS * 1_000_000_000L;
                if (now > nextProgress) {
                    progress.printf(Locale.ROOT, "  stream clients: %,d opened, %,d ended, events per open client "
                            + "%d..%d%n", opened, ended, eventsMin, eventsMax);
                    nextProgress = now + 2_000_000_000L;
                }
                if (!ready && started == wanted && (opened - countEndedOpened(clients) + ended >= wanted
                        || stalled)) {
                    ready = true;
                    lastChange = now;
                    out.printf(Locale.ROOT, "ready opened=%d failed=%d connectMs=%d%n", opened, wanted - opened,
                            (now - connectStart) / 1_000_000);
                    out.flush();
                    continue;
                }
                long expect;
                synchronized (expected) {
                    expect = expected[0];
                }
                if (ready && expect >= 0) {
                    int complete = 0;
                    for (Client client : clients) {
                        if (client.opened && !client.ended && client.events >= expect) {
                            complete++;
                        }
                    }
                    if (complete == opened - countEndedOpened(clients) || stalled) {
                        out.printf(Locale.ROOT, "done opened=%d open=%d complete=%d ended=%d eventsMin=%d "
                                        + "eventsMax=%d eventsTotal=%d%n", opened, opened - countEndedOpened(clients),
                                complete, ended, eventsMin, eventsMax, eventsTotal);
                        out.flush();
                        for (Client client : clients) {
                            if (client.channel != null) {
                                client.channel.close();
                            }
                        }
                        String why = clients.stream().filter(client -> client.endReason != null)
                                .map(client -> client.endReason).findFirst().orElse(null);
                        if (why != null) {
                            progress.println("  first stream client that ended: " + why);
                        }
                        return;
                    }
                }
            }
        }
    }

    private static int countEndedOpened(List<Client> clients) {
        int count = 0;
        for (Client client : clients) {
            if (client.opened && client.ended) {
                count++;
            }
        }
        return count;
    }

    /** One connection and its parser state. */
    private static final class Client {
        private static final int HEADERS = 0;
        private static final int CHUNK_SIZE = 1;
        private static final int CHUNK_SIZE_LINE_END = 2;
        private static final int CHUNK_DATA = 3;
        private static final int CHUNK_DATA_END = 4;
        private static final int PLAIN_BODY = 5;

        final SocketChannel channel;
        final int index;
        boolean opened;
        boolean ended;
        long events;
        String failure;
        String endReason;

        private int state = HEADERS;
        private final StringBuilder headers = new StringBuilder();
        private long chunkRemaining;
        private int chunkEndBytes;
        /** 0 at a line start, 1 after 'i', 2 after "id", 3 elsewhere in a line. */
        private int line;

        private Client(SocketChannel channel, int index) {
            this.channel = channel;
            this.index = index;
        }

        static Client open(Selector selector, InetSocketAddress address, byte[] request, int index) {
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Client client = new Client(channel, index);
                if (channel.connect(address)) {
                    channel.write(ByteBuffer.wrap(request));
                    channel.register(selector, SelectionKey.OP_READ, client);
                } else {
                    channel.register(selector, SelectionKey.OP_CONNECT, client);
                }
                return client;
            } catch (IOException e) {
                Client failed = new Client(channel, index);
                failed.ended = true;
                failed.endReason = "client " + index + ": " + e;
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // already failing
                    }
                }
                return failed;
            }
        }

        void end(SelectionKey key, String reason) {
            ended = true;
            endReason = "client " + index + " (" + events + " events): " + reason;
            key.cancel();
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }

        void feed(ByteBuffer bytes) {
            while (bytes.hasRemaining() && failure == null) {
                switch (state) {
                    case HEADERS -> {
                        headers.append((char) (bytes.get() & 0xff));
                        int length = headers.length();
                        if (length >= 4 && headers.charAt(length - 1) == '\n' && headers.charAt(length - 2) == '\r'
                                && headers.charAt(length - 3) == '\n' && headers.charAt(length - 4) == '\r') {
                            String head = headers.toString().toLowerCase(Locale.ROOT);
                            if (!head.startsWith("http/1.1 200")) {
                                failure = "answered " + head.lines().findFirst().orElse("");
                            }
                            state = head.contains("\ntransfer-encoding: chunked") ? CHUNK_SIZE : PLAIN_BODY;
                            headers.setLength(0);
                            headers.trimToSize();
                        } else if (length > 16_384) {
                            failure = "response headers too long";
                        }
                    }
                    case CHUNK_SIZE -> {
                        char c = (char) (bytes.get() & 0xff);
                        int digit = Character.digit(c, 16);
                        if (digit >= 0) {
                            chunkRemaining = chunkRemaining * 16 + digit;
                        } else if (c == '\n') {
                            chunkSizeRead();
                        } else {
                            state = CHUNK_SIZE_LINE_END;
                        }
                    }
                    case CHUNK_SIZE_LINE_END -> {
                        if (bytes.get() == '\n') {
                            chunkSizeRead();
                        }
                    }
                    case CHUNK_DATA -> {
                        int take = (int) Math.min(chunkRemaining, bytes.remaining());
                        for (int i = 0; i < take; i++) {
                            body(bytes.get());
                        }
                        chunkRemaining -= take;
                        if (chunkRemaining == 0) {
                            state = CHUNK_DATA_END;
                            chunkEndBytes = 0;
                        }
                    }
                    case CHUNK_DATA_END -> {
                        if (bytes.get() == '\n' || ++chunkEndBytes > 2) {
                            state = CHUNK_SIZE;
                            chunkRemaining = 0;
                        }
                    }
                    default -> body(bytes.get());
                }
            }
        }

        private void chunkSizeRead() {
            if (chunkRemaining == 0) {
                failure = "the server ended the stream";
            } else {
                state = CHUNK_DATA;
            }
        }

        /** One byte of the event stream: counts lines starting with {@code id:}; a comment means it opened. */
        private void body(byte b) {
            if (b == '\n') {
                line = 0;
                return;
            }
            switch (line) {
                case 0 -> {
                    if (b == 'i') {
                        line = 1;
                    } else {
                        if (b == ':') {
                            opened = true;
                        }
                        line = 3;
                    }
                }
                case 1 -> line = b == 'd' ? 2 : 3;
                case 2 -> {
                    if (b == ':') {
                        events++;
                    }
                    line = 3;
                }
                default -> {
                }
            }
        }
    }
}
