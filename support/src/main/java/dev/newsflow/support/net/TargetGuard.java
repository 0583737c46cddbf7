package dev.newsflow.support.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Refuses request targets on non-public networks ({@link PublicAddresses}), so configuration newsflow does not
 * control (a feed, a link in a feed, a webhook URL) cannot make it call services that are only reachable from
 * inside (server-side request forgery). Check every request, redirects included, and again before each retry, as
 * DNS answers change.
 *
 * <p>A host is refused when any of its addresses is not public. A client that resolves the host again when it
 * connects (as {@code java.net.http} does) would let a DNS server that answers differently the second time (DNS
 * rebinding) through; clients should connect to the addresses {@link #resolve} checked, as
 * {@link GuardedSocketAddressResolver} makes Jetty's client do.
 */
public final class TargetGuard {

    /** Resolves a host name to its addresses; {@link InetAddress#getAllByName} in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** What the guard says of a target. */
    public sealed interface Verdict {

        /** The target may be called. */
        Allowed ALLOWED = new Allowed();

        /** Every address of the host is public, or the guard allows private targets. */
        record Allowed() implements Verdict {
        }

        /**
         * The host resolves to a non-public address.
         *
         * @param host    the host as the URL names it
         * @param address the first non-public address it resolves to
         * @param block   the special-purpose block of that address, e.g. {@code 127.0.0.0/8 (loopback)}
         */
        record Refused(String host, String address, String block) implements Verdict {
            public Refused {
                Objects.requireNonNull(host, "host");
                Objects.requireNonNull(address, "address");
                Objects.requireNonNull(block, "block");
            }

            /** E.g. {@code feeds.example resolves to the non-public address 10.0.0.8 in 10.0.0.0/8 (private)}. */
            public String describe() {
                String subject = host.equals(address) ? "" : host + " resolves to ";
                return subject + "the non-public address " + address + " in " + block;
            }
        }

        /**
         * The target names no host, or its host does not resolve.
         *
         * @param host the host, or null when the URL has none
         */
        record Unresolved(String host) implements Verdict {
            public String describe() {
                return host == null ? "the URL names no host" : "unknown host " + host;
            }
        }
    }

    private final boolean allowPrivate;
    private final Resolver resolver;
    /** Host names (lower case) trusted whatever they resolve to. */
    private final Set<String> trustedHosts;

    private TargetGuard(boolean allowPrivate, Resolver resolver, Set<String> trustedHosts) {
        this.allowPrivate = allowPrivate;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.trustedHosts = Set.copyOf(trustedHosts);
    }

    private TargetGuard(boolean allowPrivate, Resolver resolver) {
        this(allowPrivate, resolver, Set.of());
    }

    /**
     * The same guard that also lets the hosts named through whatever they resolve to: an operator's own feeds or
     * receivers on an internal network, without opening every private address to configuration written by others.
     *
     * @param hosts host names or address literals, matched case-insensitively and exactly (no wildcards)
     */
    public TargetGuard trusting(Collection<String> hosts) {
        Set<String> names = new HashSet<>(trustedHosts);
        hosts.forEach(host -> names.add(bare(host).toLowerCase(Locale.ROOT)));
        return new TargetGuard(allowPrivate, resolver, names);
    }

    /** A guard that allows every target without resolving it: for tests and demos on this host. */
    public static TargetGuard allowingPrivateTargets() {
        return new TargetGuard(true, InetAddress::getAllByName);
    }

    /** A guard that allows every target, resolving hosts (when asked to) with the resolver given. */
    public static TargetGuard allowingPrivateTargets(Resolver resolver) {
        return new TargetGuard(true, resolver);
    }

    /** A guard that refuses non-public targets, resolving hosts with the system resolver. */
    public static TargetGuard refusingPrivateTargets() {
        return refusingPrivateTargets(InetAddress::getAllByName);
    }

    /** A guard that refuses non-public targets, resolving hosts with the resolver given. */
    public static TargetGuard refusingPrivateTargets(Resolver resolver) {
        return new TargetGuard(false, resolver);
    }

    /** Whether this guard lets every target through. */
    public boolean allowsPrivateTargets() {
        return allowPrivate;
    }

    /**
     * Whether a request to the URL may be made. Resolves its host (a blocking DNS lookup) unless private targets
     * are allowed.
     */
    public Verdict check(URI url) {
        return checkHost(url.getHost());
    }

    /**
     * Whether a request to the host may be made.
     *
     * @param host a name or an address literal; an IPv6 literal may be in brackets; null when a URL has no host
     */
    public Verdict checkHost(String host) {
        if (allowPrivate || isTrusted(host)) {
            return Verdict.ALLOWED;
        }
        return verdictOf(host, lookUp(host));
    }

    /**
     * Resolves the host once and returns the addresses a client may connect to: all of them when every one is
     * public or private targets are allowed.
     *
     * @throws RefusedTargetException when any address is not public (and private targets are not allowed)
     * @throws UnknownHostException   when the host does not resolve
     */
    public List<InetAddress> resolve(String host) throws RefusedTargetException, UnknownHostException {
        InetAddress[] addresses = lookUp(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        if (!allowPrivate && !isTrusted(host) && verdictOf(host, addresses) instanceof Verdict.Refused refused) {
            throw new RefusedTargetException(refused);
        }
        return List.of(addresses);
    }

    /** The host's addresses; null when it names none or does not resolve. */
    private InetAddress[] lookUp(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        try {
            InetAddress[] addresses = resolver.resolve(bare(host));
            return addresses == null || addresses.length == 0 ? null : addresses;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private boolean isTrusted(String host) {
        return host != null && !trustedHosts.isEmpty() && trustedHosts.contains(bare(host).toLowerCase(Locale.ROOT));
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Verdict verdictOf(String host, InetAddress[] addresses) {
        if (addresses == null) {
            return new Verdict.Unresolved(host == null || host.isBlank() ? null : host);
        }
        for (InetAddress address : addresses) {
            var block = PublicAddresses.nonPublicBlock(address);
            if (block.isPresent()) {
                return new Verdict.Refused(host, address.getHostAddress(), block.get());
            }
        }
        return Verdict.ALLOWED;
    }
}
