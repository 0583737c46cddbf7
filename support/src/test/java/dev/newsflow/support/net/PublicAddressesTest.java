package dev.newsflow.support.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicAddressesTest {

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource(delimiter = '|', value = {
            "0.0.0.0         | 0.0.0.0/8",
            "0.255.1.2       | 0.0.0.0/8",
            "10.1.2.3        | 10.0.0.0/8 (private)",
            "100.64.0.1      | 100.64.0.0/10 (carrier-grade NAT)",
            "100.127.255.255 | 100.64.0.0/10",
            "127.0.0.1       | 127.0.0.0/8 (loopback)",
            "127.255.0.9     | 127.0.0.0/8",
            "169.254.169.254 | 169.254.0.0/16 (link-local)",
            "172.16.5.4      | 172.16.0.0/12 (private)",
            "172.31.255.255  | 172.16.0.0/12",
            "192.0.0.8       | 192.0.0.0/24",
            "192.0.2.10      | 192.0.2.0/24 (documentation)",
            "192.88.99.1     | 192.88.99.0/24",
            "192.168.0.1     | 192.168.0.0/16 (private)",
            "198.18.0.0      | 198.18.0.0/15 (benchmarking)",
            "198.19.255.255  | 198.18.0.0/15",
            "198.51.100.7    | 198.51.100.0/24",
            "203.0.113.7     | 203.0.113.0/24",
            "224.0.0.251     | 224.0.0.0/4 (multicast)",
            "239.255.255.250 | 224.0.0.0/4",
            "240.0.0.1       | 240.0.0.0/4 (reserved)",
            "255.255.255.255 | 240.0.0.0/4",
            "::              | ::/128 (unspecified)",
            "::1             | ::1/128 (loopback)",
            "::7f00:1        | ::/96 (IPv4-compatible, deprecated)",
            "64:ff9b:1::a00:1 | 64:ff9b:1::/48 (local-use NAT64)",
            "100::1          | 100::/64 (discard-only)",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2 | 2001::/32 (Teredo)",
            "2001:db8::1     | 2001:db8::/32 (documentation)",
            "fc00::1         | fc00::/7 (unique local)",
            "fd12:3456::1    | fc00::/7",
            "fe80::1         | fe80::/10 (link-local)",
            "febf::1         | fe80::/10",
            "fec0::1         | fec0::/10",
            "ff02::1         | ff00::/8 (multicast)",
            "64:ff9b::7f00:1 | 64:ff9b::/96 (NAT64) of 127.0.0.1 in 127.0.0.0/8 (loopback)",
            "64:ff9b::a9fe:a9fe | 64:ff9b::/96 (NAT64) of 169.254.169.254 in 169.254.0.0/16",
            "64:ff9b::c612:1 | 64:ff9b::/96 (NAT64) of 198.18.0.1 in 198.18.0.0/15",
            "2002:a00:1::1   | 2002::/16 (6to4) of 10.0.0.1 in 10.0.0.0/8",
            "::ffff:10.0.0.1 | 10.0.0.0/8",
    })
    void shouldNameTheBlockOfANonPublicAddress(String address, String block) throws UnknownHostException {
        InetAddress parsed = InetAddress.getByName(address);

        assertThat(PublicAddresses.isPublic(parsed)).isFalse();
        assertThat(PublicAddresses.nonPublicBlock(parsed)).hasValueSatisfying(name -> assertThat(name).contains(block));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.215.14", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255",
            "100.128.0.0", "126.255.255.255", "128.0.0.0", "169.253.255.255", "172.15.255.255", "172.32.0.0",
            "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255",
            "2606:4700::1111", "2a00:1450:4001:82a::200e", "64:ff9b::808:808", "2002:808:808::1"})
    void shouldTreatOtherAddressesAsPublic(String address) throws UnknownHostException {
        InetAddress parsed = InetAddress.getByName(address);

        assertThat(PublicAddresses.nonPublicBlock(parsed)).isEmpty();
        assertThat(PublicAddresses.isPublic(parsed)).isTrue();
    }

    @Test
    void shouldJudgeAnIpv4MappedIpv6AddressByItsIpv4Address() throws UnknownHostException {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an IPv4 address; a resolver may hand over the IPv6 form
        Inet6Address privateMapped = Inet6Address.getByAddress(null, mapped(192, 168, 1, 20), -1);
        Inet6Address publicMapped = Inet6Address.getByAddress(null, mapped(8, 8, 4, 4), -1);

        assertThat(PublicAddresses.nonPublicBlock(privateMapped))
                .contains("::ffff:0:0/96 (IPv4-mapped) of 192.168.1.20 in 192.168.0.0/16 (private)");
        assertThat(PublicAddresses.isPublic(publicMapped)).isTrue();
    }

    private static byte[] mapped(int a, int b, int c, int d) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        return bytes;
    }
}
