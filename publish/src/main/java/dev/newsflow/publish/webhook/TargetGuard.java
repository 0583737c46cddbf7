package dev.newsflow.publish.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Refuses webhook targets on private networks, so a subscription cannot make newsflow probe or call services that are
 * only reachable from inside (server-side request forgery). The check runs before every attempt, as DNS answers
 * change.
 *
 * <p>Refused: loopback, site-local (10/8, 172.16/12, 192.168/16), link-local (169.254/16, fe80::/10), any-local,
 * multicast, carrier-grade NAT (100.64/10), 0/8 and IPv6 unique local (fc00::/7). The HTTP client resolves the
 * host again when it connects, so a DNS server that answers differently the second time is not caught; routing
 * webhooks through an egress proxy closes that gap.
 */
public final class TargetGuard {

    /** Resolves a host name to its addresses; {@link InetAddress#getAllByName} in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    private TargetGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public static TargetGuard allowingPrivateTargets() {
        return new TargetGuard(true, InetAddress::getAllByName);
    }

    public static TargetGuard refusingPrivateTargets() {
        return refusingPrivateTargets(InetAddress::getAllByName);
    }

    public static TargetGuard refusingPrivateTargets(Resolver resolver) {
        return new TargetGuard(false, resolver);
    }

    /** Why a request to the URL must not be made, as a failed outcome; empty when it may be made. */
    public Optional<DeliveryOutcome> check(URI url) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = url.getHost();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of(new DeliveryOutcome.Retry("unknown host " + host));
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                return Optional.of(new DeliveryOutcome.Rejected("refused: " + host + " resolves to the non-public address "
                        + address.getHostAddress() + "; set publish.allow-private-targets=true to allow it"));
            }
        }
        return Optional.empty();
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128);
        }
        return address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
    }
}
