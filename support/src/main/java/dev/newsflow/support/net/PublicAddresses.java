package dev.newsflow.support.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which IP addresses are public, that is reachable across the internet rather than only from inside this host, a
 * private network or a provider's network. Anything newsflow fetches or calls on behalf of configuration it does
 * not control (feed URLs, the links in feeds, webhook URLs) must resolve to public addresses only, or a feed or a
 * subscription could make it probe internal services (server-side request forgery).
 *
 * <p>Not public, after the IANA special-purpose address registries:
 * <ul>
 *   <li>IPv4: 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT), 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12,
 *       192.0.0.0/24, 192.0.2.0/24, 192.88.99.0/24, 192.168.0.0/16, 198.18.0.0/15 (benchmarking), 198.51.100.0/24,
 *       203.0.113.0/24, 224.0.0.0/4 (multicast) and 240.0.0.0/4 (reserved, with the broadcast address);</li>
 *   <li>IPv6: ::/128, ::1/128, the deprecated IPv4-compatible ::/96, 64:ff9b:1::/48 (local-use NAT64), 100::/64,
 *       2001::/32 (Teredo), 2001:db8::/32, fc00::/7 (unique local), fe80::/10, the deprecated site-local
 *       fec0::/10 and ff00::/8 (multicast);</li>
 *   <li>IPv6 addresses that embed an IPv4 address are judged by that address: IPv4-mapped ::ffff:0:0/96, NAT64
 *       64:ff9b::/96 and 6to4 2002::/16. So {@code 64:ff9b::7f00:1} (NAT64 of 127.0.0.1) is refused and
 *       {@code 64:ff9b::808:808} (8.8.8.8) is not.</li>
 * </ul>
 */
public final class PublicAddresses {

    private static final List<Block> IPV4 = List.of(
            block("0.0.0.0/8", "\"this\" network"),
            block("10.0.0.0/8", "private"),
            block("100.64.0.0/10", "carrier-grade NAT"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local"),
            block("172.16.0.0/12", "private"),
            block("192.0.0.0/24", "IETF protocol assignments"),
            block("192.0.2.0/24", "documentation"),
            block("192.88.99.0/24", "6to4 relay anycast"),
            block("192.168.0.0/16", "private"),
            block("198.18.0.0/15", "benchmarking"),
            block("198.51.100.0/24", "documentation"),
            block("203.0.113.0/24", "documentation"),
            block("224.0.0.0/4", "multicast"),
            block("240.0.0.0/4", "reserved"));

    /** Checked in order, so the more specific blocks inside ::/96 name the address. */
    private static final List<Block> IPV6 = List.of(
            block("::/128", "unspecified"),
            block("::1/128", "loopback"),
            block("::/96", "IPv4-compatible, deprecated"),
            block("64:ff9b:1::/48", "local-use NAT64"),
            block("100::/64", "discard-only"),
            block("2001::/32", "Teredo"),
            block("2001:db8::/32", "documentation"),
            block("fc00::/7", "unique local"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "site-local, deprecated"),
            block("ff00::/8", "multicast"));

    /** IPv6 blocks whose addresses carry an IPv4 address, and where in the 16 bytes it sits. */
    private static final List<Embedding> EMBEDDING = List.of(
            new Embedding(block("::ffff:0:0/96", "IPv4-mapped"), 12),
            new Embedding(block("64:ff9b::/96", "NAT64"), 12),
            new Embedding(block("2002::/16", "6to4"), 2));

    private PublicAddresses() {
    }

    /** Whether the address is public: in none of the blocks listed above. */
    public static boolean isPublic(InetAddress address) {
        return nonPublicBlock(address).isEmpty();
    }

    /**
     * The special-purpose block the address is in, for messages: e.g. {@code 127.0.0.0/8 (loopback)}, or
     * {@code 64:ff9b::/96 (NAT64) of 10.0.0.1 in 10.0.0.0/8 (private)}; empty when the address is public.
     */
    public static Optional<String> nonPublicBlock(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return find(IPV4, bytes);
        }
        if (!(address instanceof Inet6Address)) {
            return Optional.of("unknown address family");
        }
        for (Embedding embedding : EMBEDDING) {
            if (embedding.block().contains(bytes)) {
                byte[] ipv4 = Arrays.copyOfRange(bytes, embedding.offset(), embedding.offset() + 4);
                return find(IPV4, ipv4).map(block -> embedding.block() + " of " + dotted(ipv4) + " in " + block);
            }
        }
        return find(IPV6, bytes);
    }

    private static Optional<String> find(List<Block> blocks, byte[] address) {
        return blocks.stream().filter(block -> block.contains(address)).findFirst().map(Block::toString);
    }

    private static String dotted(byte[] ipv4) {
        return (ipv4[0] & 0xff) + "." + (ipv4[1] & 0xff) + "." + (ipv4[2] & 0xff) + "." + (ipv4[3] & 0xff);
    }

    private static Block block(String cidr, String name) {
        int slash = cidr.indexOf('/');
        String literal = cidr.substring(0, slash);
        byte[] network;
        try {
            // a literal address: no name lookup happens
            network = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + literal, e);
        }
        if (literal.contains(":") && network.length == 4) {
            // Java turns ::ffff:a.b.c.d into an IPv4 address; the block is the IPv6 one
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(network, 0, mapped, 12, 4);
            network = mapped;
        }
        return new Block(cidr, network, Integer.parseInt(cidr.substring(slash + 1)), name);
    }

    /** A CIDR block. */
    private record Block(String cidr, byte[] network, int prefixLength, String name) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xff << (8 - remainingBits)) & 0xff;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }

        @Override
        public String toString() {
            return cidr + " (" + name + ")";
        }
    }

    /** An IPv6 block that embeds an IPv4 address at the byte offset given. */
    private record Embedding(Block block, int offset) {
    }
}
