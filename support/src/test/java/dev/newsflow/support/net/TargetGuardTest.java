package dev.newsflow.support.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.support.net.TargetGuard.Verdict;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

    private static final Map<String, String[]> DNS = Map.of(
            "public.example", new String[] {"93.184.215.14"},
            "mixed.example", new String[] {"93.184.215.14", "10.1.2.3"},
            "internal.example", new String[] {"192.168.1.20"},
            "nat64.example", new String[] {"64:ff9b::a00:5"});

    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private final TargetGuard guard = TargetGuard.refusingPrivateTargets(this::resolve);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.8", "172.16.5.4", "192.168.0.1", "169.254.169.254", "0.0.0.0",
            "100.64.0.1", "198.18.0.1", "240.0.0.1", "[::1]", "[fe80::1]", "[fd12:3456::1]", "[::]",
            "[64:ff9b::7f00:1]", "[::ffff:7f00:1]"})
    void shouldRefuseNonPublicAddresses(String host) {
        Verdict verdict = guard.check(URI.create("http://" + host + ":8080/hook?token=secret"));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class, refused -> {
            assertThat(refused.host()).isEqualTo(host);
            assertThat(refused.describe()).contains("non-public address").doesNotContain("token", "secret");
        });
    }

    @Test
    void shouldRefuseAHostNameWithAnyNonPublicAddress() {
        assertThat(guard.check(URI.create("https://internal.example/feed"))).isEqualTo(
                new Verdict.Refused("internal.example", "192.168.1.20", "192.168.0.0/16 (private)"));
        assertThat(guard.check(URI.create("https://mixed.example/feed"))).isInstanceOf(Verdict.Refused.class);
        assertThat(guard.check(URI.create("https://nat64.example/feed"))).isInstanceOfSatisfying(Verdict.Refused.class,
                refused -> assertThat(refused.describe()).isEqualTo("nat64.example resolves to the non-public address "
                        + "64:ff9b:0:0:0:0:a00:5 in 64:ff9b::/96 (NAT64) of 10.0.0.5 in 10.0.0.0/8 (private)"));
    }

    @Test
    void shouldAllowPublicAddresses() {
        assertThat(guard.check(URI.create("https://public.example/hook"))).isEqualTo(Verdict.ALLOWED);
        assertThat(guard.check(URI.create("https://8.8.8.8/hook"))).isEqualTo(Verdict.ALLOWED);
        assertThat(guard.check(URI.create("https://[2606:4700::1111]/hook"))).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void shouldAllowEverythingWithoutLookingItUpWhenPrivateTargetsAreAllowed() {
        TargetGuard open = TargetGuard.allowingPrivateTargets();

        assertThat(open.allowsPrivateTargets()).isTrue();
        assertThat(open.check(URI.create("http://127.0.0.1:8080/hook"))).isEqualTo(Verdict.ALLOWED);
        assertThat(open.check(URI.create("http://does-not-resolve.invalid/hook"))).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void shouldLetTrustedHostsThroughWhateverTheyResolveToAndNoOthers() throws Exception {
        TargetGuard trusting = guard.trusting(List.of("Internal.Example", "[::1]"));

        assertThat(trusting.check(URI.create("https://internal.example/feed"))).isEqualTo(Verdict.ALLOWED);
        assertThat(trusting.resolve("internal.example")).extracting(InetAddress::getHostAddress)
                .containsExactly("192.168.1.20");
        assertThat(trusting.check(URI.create("http://[::1]:8080/hook"))).isEqualTo(Verdict.ALLOWED);
        assertThat(trusting.check(URI.create("https://mixed.example/feed"))).isInstanceOf(Verdict.Refused.class);
        assertThat(trusting.check(URI.create("http://127.0.0.1/"))).isInstanceOf(Verdict.Refused.class);
        assertThatThrownBy(() -> trusting.resolve("mixed.example")).isInstanceOf(RefusedTargetException.class)
                .hasMessageContaining("10.1.2.3");
    }

    @Test
    void shouldResolveAHostThatDoesNotResolveToAnUnknownHostFailureWhetherPrivateTargetsAreAllowedOrNot() {
        assertThatThrownBy(() -> guard.resolve("nowhere.example")).isInstanceOf(UnknownHostException.class)
                .hasMessage("nowhere.example");
        assertThatThrownBy(() -> TargetGuard.allowingPrivateTargets(this::resolve).resolve("nowhere.example"))
                .isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> guard.trusting(List.of("nowhere.example")).resolve("nowhere.example"))
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void shouldReportAHostThatDoesNotResolveOrIsMissing() {
        assertThat(guard.check(URI.create("https://nowhere.example/hook")))
                .isEqualTo(new Verdict.Unresolved("nowhere.example"));
        assertThat(guard.check(URI.create("file:///etc/passwd"))).isEqualTo(new Verdict.Unresolved(null));
        assertThat(TargetGuard.refusingPrivateTargets(host -> new InetAddress[0]).checkHost("empty.example"))
                .isInstanceOf(Verdict.Unresolved.class);
    }

    @Test
    void shouldLookUpABracketedIpv6LiteralWithoutItsBrackets() {
        guard.check(URI.create("http://[2606:4700::1111]/"));

        assertThat(lookups).containsExactly("2606:4700::1111");
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.add(host);
        String[] addresses = DNS.get(host);
        if (addresses == null) {
            if (host.contains(":") || host.matches("[0-9.]+")) {
                // an address literal: getByName parses it without a lookup
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            resolved[i] = InetAddress.getByName(addresses[i]);
        }
        return resolved;
    }
}
