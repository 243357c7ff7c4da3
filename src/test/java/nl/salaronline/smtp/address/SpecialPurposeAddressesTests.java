package nl.salaronline.smtp.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.salaronline.smtp.address.SpecialPurposeAddresses.Verdict;

/**
 * One test row per row of the IANA IPv4 and IPv6 special-purpose address registries (and the few rows added to them),
 * written here independently of the table: an address inside the block, whether an SMTP server may have it, and the
 * block it must be judged by (the most specific one). Then the embedded IPv4 addresses, decoded from every form that
 * carries one. An IPv4-mapped address ({@code mapped a.b.c.d}) is built by hand: the JDK reads its literal as IPv4.
 */
class SpecialPurposeAddressesTests {

	@ParameterizedTest(name = "{0}: {1} -> {2}")
	@CsvSource(delimiter = '|', value = {
			// IPv4 (RFC 6890 and later)
			"0.1.2.3|false|0.0.0.0/8",
			"0.0.0.0|false|0.0.0.0/32",
			"10.20.30.40|false|10.0.0.0/8",
			"100.100.0.1|false|100.64.0.0/10",
			"127.0.0.53|false|127.0.0.0/8",
			"169.254.169.254|false|169.254.0.0/16",
			"172.20.0.1|false|172.16.0.0/12",
			"192.0.0.100|false|192.0.0.0/24",
			"192.0.0.2|false|192.0.0.0/29",
			"192.0.0.8|false|192.0.0.8/32",
			"192.0.0.9|true|192.0.0.9/32",
			"192.0.0.10|true|192.0.0.10/32",
			"192.0.0.170|false|192.0.0.170/32",
			"192.0.0.171|false|192.0.0.171/32",
			"192.0.2.25|false|192.0.2.0/24",
			"192.31.196.1|true|192.31.196.0/24",
			"192.52.193.1|true|192.52.193.0/24",
			"192.88.99.1|false|192.88.99.0/24",
			"192.88.99.2|false|192.88.99.2/32",
			"192.168.178.1|false|192.168.0.0/16",
			"192.175.48.6|true|192.175.48.0/24",
			"198.19.0.1|false|198.18.0.0/15",
			"198.51.100.7|false|198.51.100.0/24",
			"203.0.113.9|false|203.0.113.0/24",
			"239.255.255.250|false|224.0.0.0/4",
			"250.1.2.3|false|240.0.0.0/4",
			"255.255.255.255|false|255.255.255.255/32",
			// IPv6
			"4000::1|false|::/0",
			"2a00:1450:400e::1|true|2000::/3",
			"::1|false|::1/128",
			"::|false|::/128",
			"::8.8.8.8|false|::/96",
			"mapped 8.8.8.8|false|::ffff:0:0/96",
			"::ffff:0:808:808|false|::ffff:0:0:0/96",
			"64:ff9b::808:808|true|64:ff9b::/96",
			"64:ff9b:1::808:808|false|64:ff9b:1::/48",
			"100::1|false|100::/64",
			"100:0:0:1::1|false|100:0:0:1::/64",
			"2001:0:808:808::f7f7:f7f7|true|2001::/32",
			"2001:100::1|false|2001::/23",
			"2001:1::1|true|2001:1::1/128",
			"2001:1::2|true|2001:1::2/128",
			"2001:1::3|true|2001:1::3/128",
			"2001:2::1|false|2001:2::/48",
			"2001:3::1|true|2001:3::/32",
			"2001:4:112::1|true|2001:4:112::/48",
			"2001:10::1|false|2001:10::/28",
			"2001:20::1|true|2001:20::/28",
			"2001:30::1|true|2001:30::/28",
			"2001:db8::25|false|2001:db8::/32",
			"2002:808:808::1|true|2002::/16",
			"2620:4f:8000::1|true|2620:4f:8000::/48",
			"3fff::1|false|3fff::/20",
			"5f00::1|false|5f00::/16",
			"fd12:3456::1|false|fc00::/7",
			"fe80::1|false|fe80::/10",
			"fec0::1|false|fec0::/10",
			"ff02::1|false|ff00::/8" })
	void eachRegistryRowJudgesTheAddressesInItsBlock(String address, boolean allowed, String block) throws Exception {
		Verdict verdict = SpecialPurposeAddresses.judge(address.startsWith("mapped ")
				? Inet6Address.getByAddress(null, mapped(InetAddress.getByName(address.substring(7)).getAddress()), -1)
				: InetAddress.getByName(address));
		assertThat(verdict.row()).as(address).hasValueSatisfying(row -> assertThat(row.cidr()).isEqualTo(block));
		assertThat(verdict.allowed()).as(verdict.toString()).isEqualTo(allowed);
	}

	@Test
	void everyRowOfTheTableHasATestRow() throws Exception {
		Set<String> tested = new HashSet<>();
		for (String row : eachRegistryRowJudgesTheAddressesInItsBlockRows()) {
			tested.add(row.substring(row.lastIndexOf('|') + 1));
		}
		Set<String> table = new HashSet<>();
		Stream.concat(SpecialPurposeAddresses.IPV4.stream(), SpecialPurposeAddresses.IPV6.stream())
			.forEach(row -> table.add(row.cidr()));
		assertThat(tested).isEqualTo(table);
	}

	@Test
	void anOrdinaryPublicIpv4AddressIsInNoRow() throws Exception {
		Verdict verdict = SpecialPurposeAddresses.judge(InetAddress.getByName("193.0.6.139"));
		assertThat(verdict.allowed()).isTrue();
		assertThat(verdict.row()).isEmpty();
	}

	/** Each form that carries an IPv4 address, with an internal one (refused) and a public one. */
	@ParameterizedTest(name = "{0} carries {1}")
	@CsvSource(delimiter = '|', value = {
			// IPv4-mapped, built by hand below (the JDK reads the literal as IPv4)
			"::ffff:10.0.0.1|10.0.0.1|false",
			// IPv4-translated (RFC 2765)
			"::ffff:0:127.0.0.1|127.0.0.1|false",
			// NAT64 well-known prefix: allowed only with a public IPv4 address
			"64:ff9b::169.254.169.254|169.254.169.254|false",
			"64:ff9b::8.8.8.8|8.8.8.8|true",
			// NAT64 local-use: refused either way, the IPv4 address decoded for the log
			"64:ff9b:1::192.168.1.1|192.168.1.1|false",
			"64:ff9b:1::8.8.8.8|8.8.8.8|false",
			// 6to4: bits 16-47
			"2002:a00:1::1|10.0.0.1|false",
			"2002:808:808::1|8.8.8.8|true",
			// Teredo: server in bits 32-63, client in the last 32 bits inverted (f5ff:fffe = 10.0.0.1)
			"2001:0:4136:e378:8000:63bf:f5ff:fffe|65.54.227.120,10.0.0.1|false",
			"2001:0:a00:1::f7f7:f7f7|10.0.0.1,8.8.8.8|false",
			"2001:0:808:808::f7f7:f7f7|8.8.8.8,8.8.8.8|true" })
	void embeddedIpv4AddressesAreDecodedAndCheckedToo(String address, String carried, boolean allowed)
			throws Exception {
		InetAddress parsed = InetAddress.getByName(address);
		if (!(parsed instanceof Inet6Address)) {
			parsed = Inet6Address.getByAddress(null, mapped(parsed.getAddress()), -1);
		}
		Verdict verdict = SpecialPurposeAddresses.judge(parsed);
		assertThat(verdict.embedded().stream().map(embedded -> embedded.address().getHostAddress()).toList())
			.as(address)
			.isEqualTo(List.of(carried.split(",")));
		assertThat(verdict.allowed()).as(verdict.toString()).isEqualTo(allowed);
	}

	private static byte[] mapped(byte[] ipv4) {
		byte[] ipv6 = new byte[16];
		ipv6[10] = (byte) 0xff;
		ipv6[11] = (byte) 0xff;
		System.arraycopy(ipv4, 0, ipv6, 12, 4);
		return ipv6;
	}

	/** The rows of the first test, read back from its annotation so the coverage check cannot drift from it. */
	private static String[] eachRegistryRowJudgesTheAddressesInItsBlockRows() throws Exception {
		return SpecialPurposeAddressesTests.class
			.getDeclaredMethod("eachRegistryRowJudgesTheAddressesInItsBlock", String.class, boolean.class, String.class)
			.getAnnotation(CsvSource.class)
			.value();
	}

}
