package nl.salaronline.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 7's host checks. Only IP literals, {@code localhost} and names under {@code .invalid} are resolved, so
 * these tests need no DNS.
 */
class ResolvingSmtpHostPolicyTests {

	private final SmtpHostPolicy strict = new ResolvingSmtpHostPolicy(false);

	private final SmtpHostPolicy lenient = new ResolvingSmtpHostPolicy(true);

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "127.0.0.1", "10.1.2.3", "192.168.1.25", "::1", "[::1]" })
	void privateHostsAreFineWhenAllowed(String host) {
		assertThat(lenient.refusalOf(host)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1",
			"100.64.0.1", "100.127.255.254", "169.254.169.254", "169.254.0.1", "172.16.0.1", "172.31.255.254",
			"192.0.0.170", "192.168.0.1", "198.18.0.1", "198.19.255.254", "224.0.0.1", "239.255.255.250",
			"240.0.0.1", "255.255.255.255", "::", "::1", "[::1]", "fe80::1", "fec0::1", "fc00::1", "fd12:3456::1",
			"ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "[::ffff:169.254.169.254]", "::127.0.0.1",
			"::ffff:7f00:1", "64:ff9b::a00:1", "64:ff9b::127.0.0.1", "2002:7f00:1::1", "2002:c0a8:101::1",
			// issue 16: IPv4-translated, NAT64 local-use, Teredo, discard-only, documentation
			"::ffff:0:10.0.0.1", "::ffff:0:808:808", "64:ff9b:1::808:808", "64:ff9b:1::10.0.0.1",
			"2001:0:4136:e378:8000:63bf:f5ff:fffe", "2001:0:808:808:0:0:f5ff:fffe", "100::1", "2001:db8::1",
			"192.0.2.1", "3fff::1" })
	void loopbackPrivateLinkLocalAndSpecialAddressesAreRefusedWhenNotAllowed(String host) {
		assertThat(strict.refusalOf(host)).contains("smtp.host.notAllowed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1",
			"169.253.1.1", "192.169.0.1", "198.20.0.1", "223.255.255.254", "2a03:b0c0::1", "2a00:1450:400e::1",
			"[2606:4700::1111]", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1" })
	void publicAddressesAreAllowedEvenWhenPrivateOnesAreNot(String host) {
		assertThat(strict.refusalOf(host)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.1", "0x7f.1", "0x7f000001", "0x7f", "2130706433", "017700000001", "0177.0.0.1",
			"017.0.0.1", "127.0.0.01", "127.0.1", "1.2.3.4.5", "256.1.1.1", "10.0.0.1.", "smtp.example.123" })
	void ipv4ShorthandsThatResolversReadDifferentlyAreNotAcceptedAtAll(String host) {
		assertThat(lenient.refusalOf(host)).contains("smtp.host.invalid");
		assertThat(strict.refusalOf(host)).contains("smtp.host.invalid");
	}

	@ParameterizedTest
	@ValueSource(strings = { "smtp server.nl", " smtp.nl", "smtp.nl ", "smtp.nl\r\nRCPT TO:<x@y.nl>", "smtp\t.nl",
			"smtp.nl\u0000", "smtp_mail.nl", "-smtp.nl", "smtp-.nl", "smtp..nl", ".smtp.nl", "smtp.nl/25",
			"smtp.nl:587", "user@smtp.nl", "smtp.kantoor.nl\u00a0", "smtp.bäckerei.nl", "fe80::1%lo", "[::1",
			"::1]", "1::2::3", "gggg::1", "" })
	void spacesControlCharactersAndOtherNonHostTextIsRefused(String host) {
		assertThat(lenient.refusalOf(host)).contains("smtp.host.invalid");
	}

	@Test
	void aMissingHostIsRefused() {
		assertThat(lenient.refusalOf(null)).contains("smtp.host.invalid");
	}

	@Test
	void aHostNameLongerThan253CharactersIsRefused() {
		String label = "a".repeat(63);
		String longest = label + "." + label + "." + label + "." + "a".repeat(61);
		assertThat(longest).hasSize(253);
		assertThat(ResolvingSmtpHostPolicy.wellFormed(longest)).isTrue();
		assertThat(lenient.refusalOf(longest + "a")).contains("smtp.host.tooLong");
		assertThat(lenient.refusalOf("b" + longest)).contains("smtp.host.tooLong");
	}

	@Test
	void aLabelLongerThan63CharactersIsNotAHostName() {
		assertThat(ResolvingSmtpHostPolicy.wellFormed("a".repeat(63) + ".nl")).isTrue();
		assertThat(lenient.refusalOf("a".repeat(64) + ".nl")).contains("smtp.host.invalid");
	}

	@ParameterizedTest
	@ValueSource(strings = { "smtp.office365.com", "SMTP.Gmail.com", "mail.korenbloem.nl", "localhost", "mx1",
			"1e100.net", "123.example.nl", "xn--bckerei-9wa.nl", "192.168.1.1", "2001:db8::25", "[2001:db8::25]" })
	void hostNamesAndCleanIpLiteralsAreWellFormed(String host) {
		assertThat(ResolvingSmtpHostPolicy.wellFormed(host)).isTrue();
	}

	@Test
	void aHostThatDoesNotResolveIsRefusedWithItsOwnMessage() {
		assertThat(lenient.refusalOf("does-not-exist.invalid")).contains("smtp.host.unknown");
		assertThat(strict.refusalOf("does-not-exist.invalid")).contains("smtp.host.unknown");
	}

	@Test
	void allowsChecksTheAddressActuallyConnectedTo() throws UnknownHostException {
		assertThat(strict.allows(InetAddress.getByName("127.0.0.1"))).isFalse();
		assertThat(strict.allows(InetAddress.getByName("169.254.169.254"))).isFalse();
		assertThat(strict.allows(InetAddress.getByName("::1"))).isFalse();
		assertThat(strict.allows(InetAddress.getByName("fd00::1"))).isFalse();
		assertThat(strict.allows(InetAddress.getByName("8.8.4.4"))).isTrue();
		assertThat(strict.allows(InetAddress.getByName("2001:4860:4860::8888"))).isTrue();
		assertThat(lenient.allows(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(lenient.allows(InetAddress.getByName("10.0.0.1"))).isTrue();
	}

	@Test
	void anIpv4MappedIpv6AddressBuiltByHandIsJudgedByItsIpv4Address() throws UnknownHostException {
		byte[] mapped = new byte[16];
		mapped[10] = (byte) 0xff;
		mapped[11] = (byte) 0xff;
		mapped[12] = 127;
		mapped[15] = 1;
		// Inet6Address.getByAddress keeps the IPv6 form that InetAddress.getByName would turn into IPv4
		InetAddress address = java.net.Inet6Address.getByAddress(null, mapped, -1);
		assertThat(address).isInstanceOf(java.net.Inet6Address.class);
		assertThat(strict.allows(address)).isFalse();
	}

}
