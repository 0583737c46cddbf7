package dev.newsflow.publish.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

    private static final Map<String, String[]> DNS = Map.of(
            "public.example", new String[] {"93.184.215.14"},
            "mixed.example", new String[] {"93.184.215.14", "10.1.2.3"},
            "internal.example", new String[] {"192.168.1.20"});

    private final TargetGuard guard = TargetGuard.refusingPrivateTargets(TargetGuardTest::resolve);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.8", "172.16.5.4", "192.168.0.1", "169.254.169.254", "0.0.0.0",
            "100.64.0.1", "::1", "fe80::1", "fd12:3456::1", "::"})
    void shouldRefuseNonPublicAddresses(String address) {
        String host = address.contains(":") ? "[" + address + "]" : address;

        assertThat(guard.check(URI.create("http://" + host + ":8080/hook")))
                .hasValueSatisfying(outcome -> {
                    assertThat(outcome).isInstanceOf(DeliveryOutcome.Rejected.class);
                    assertThat(outcome.describe()).contains("non-public address", "publish.allow-private-targets");
                });
    }

    @Test
    void shouldRefuseAHostNameThatResolvesToAPrivateAddress() {
        assertThat(guard.check(URI.create("https://internal.example/hook"))).isPresent();
        assertThat(guard.check(URI.create("https://mixed.example/hook"))).isPresent();
    }

    @Test
    void shouldAllowPublicAddresses() {
        assertThat(guard.check(URI.create("https://public.example/hook"))).isEmpty();
        assertThat(guard.check(URI.create("https://8.8.8.8/hook"))).isEmpty();
        assertThat(guard.check(URI.create("https://[2606:4700::1111]/hook"))).isEmpty();
    }

    @Test
    void shouldAllowPrivateAddressesWhenConfiguredTo() {
        assertThat(TargetGuard.allowingPrivateTargets().check(URI.create("http://127.0.0.1:8080/hook"))).isEmpty();
    }

    @Test
    void shouldRetryAHostThatDoesNotResolve() {
        assertThat(guard.check(URI.create("https://nowhere.example/hook")))
                .hasValueSatisfying(outcome -> assertThat(outcome).isInstanceOf(DeliveryOutcome.Retry.class));
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] addresses = DNS.get(host);
        if (addresses == null) {
            if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
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
