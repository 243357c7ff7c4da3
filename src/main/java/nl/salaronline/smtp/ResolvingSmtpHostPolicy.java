package nl.salaronline.smtp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The host checks of SPEC section 7. A host must be written cleanly (a host name, a dotted-quad IPv4 address or an
 * IPv6 address; never the shorthand forms such as {@code 127.1} or {@code 0x7f.1} that resolvers read differently),
 * must resolve, and unless {@code salaronline.mail.allow-private-hosts} is true, every address it resolves to must be
 * public. Not public: "this network" 0/8, 10/8, CGNAT 100.64/10, loopback 127/8, link-local 169.254/16 (with the cloud
 * metadata address), 172.16/12, 192.0.0/24, 192.168/16, benchmarking 198.18/15, multicast 224/4, reserved and broadcast
 * 240/4; for IPv6 the unspecified and loopback addresses, link-local, site-local, unique-local fc00::/7, multicast,
 * and IPv4 addresses embedded as IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) addresses.
 */
@Component
class ResolvingSmtpHostPolicy implements SmtpHostPolicy {

	static final String INVALID = "smtp.host.invalid";

	static final String TOO_LONG = "smtp.host.tooLong";

	static final String UNKNOWN = "smtp.host.unknown";

	static final String NOT_ALLOWED = "smtp.host.notAllowed";

	private static final Logger log = LoggerFactory.getLogger(ResolvingSmtpHostPolicy.class);

	private static final int MAX_LENGTH = 253;

	private static final Pattern HOST_NAME = Pattern
		.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

	/** Decimal 0-255 without leading zeros, four times: the only IPv4 notation every resolver reads the same way. */
	private static final Pattern DOTTED_QUAD = Pattern
		.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

	/** What inet_aton would read as a number: decimal, octal or hex parts, one to four of them ({@code 0x7f.1}). */
	private static final Pattern NUMERIC_SHORTHAND = Pattern
		.compile("(?:0[xX][0-9A-Fa-f]*|\\d+)(?:\\.(?:0[xX][0-9A-Fa-f]*|\\d+)){0,3}\\.?");

	private static final Pattern LAST_LABEL_NUMERIC = Pattern.compile("(?:.*\\.)?\\d+");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

	private final boolean allowPrivateHosts;

	ResolvingSmtpHostPolicy(@Value("${salaronline.mail.allow-private-hosts:true}") boolean allowPrivateHosts) {
		this.allowPrivateHosts = allowPrivateHosts;
	}

	@Override
	public Optional<String> refusalOf(String host) {
		if (host == null || host.isEmpty()) {
			return Optional.of(INVALID);
		}
		if (host.length() > MAX_LENGTH) {
			return Optional.of(TOO_LONG);
		}
		if (!wellFormed(host)) {
			return Optional.of(INVALID);
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host.indexOf(':') >= 0 ? bracketed(host) : host);
		}
		catch (UnknownHostException ex) {
			return Optional.of(UNKNOWN);
		}
		if (!Arrays.stream(addresses).allMatch(this::allows)) {
			log.info("SMTP host {} refused: it resolves to a non-public address ({})", host, Arrays.toString(addresses));
			return Optional.of(NOT_ALLOWED);
		}
		return Optional.empty();
	}

	@Override
	public boolean allows(InetAddress address) {
		return allowPrivateHosts || isPublic(address);
	}

	/** Whether the host is written in a form that cannot be read two ways; no lookup happens here. */
	static boolean wellFormed(String host) {
		if (host.length() > MAX_LENGTH) {
			return false;
		}
		if (host.indexOf(':') >= 0) {
			String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
			return IPV6.matcher(literal).matches() && parsesAsIpv6Literal(literal);
		}
		if (DOTTED_QUAD.matcher(host).matches()) {
			return true;
		}
		// a name whose last label is a number, or that inet_aton would read as a number, is an IPv4 shorthand
		return HOST_NAME.matcher(host).matches() && !NUMERIC_SHORTHAND.matcher(host).matches()
				&& !LAST_LABEL_NUMERIC.matcher(host).matches();
	}

	private static boolean parsesAsIpv6Literal(String literal) {
		try {
			// inside brackets the JDK accepts only an IPv6 literal and never asks DNS
			InetAddress.getByName("[" + literal + "]");
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static String bracketed(String host) {
		return host.startsWith("[") ? host : "[" + host + "]";
	}

	static boolean isPublic(InetAddress address) {
		if (address instanceof Inet4Address) {
			return isPublicIpv4(address.getAddress());
		}
		if (address instanceof Inet6Address) {
			return isPublicIpv6(address.getAddress());
		}
		return false;
	}

	private static boolean isPublicIpv4(byte[] ip) {
		int a = ip[0] & 0xff;
		int b = ip[1] & 0xff;
		int c = ip[2] & 0xff;
		return !(a == 0 // "this network", including the unspecified address
				|| a == 10 //
				|| (a == 100 && (b & 0xc0) == 64) // carrier-grade NAT 100.64/10
				|| a == 127 // loopback
				|| (a == 169 && b == 254) // link-local, including the cloud metadata address 169.254.169.254
				|| (a == 172 && (b & 0xf0) == 16) //
				|| (a == 192 && b == 0 && c == 0) // IETF protocol assignments
				|| (a == 192 && b == 168) //
				|| (a == 198 && (b & 0xfe) == 18) // benchmarking 198.18/15
				|| a >= 224); // multicast 224/4, reserved 240/4 and broadcast
	}

	private static boolean isPublicIpv6(byte[] ip) {
		if (allZero(ip, 0, 10) && (ip[10] & 0xff) == 0xff && (ip[11] & 0xff) == 0xff) {
			return isPublicIpv4(Arrays.copyOfRange(ip, 12, 16)); // IPv4-mapped ::ffff:a.b.c.d
		}
		if (allZero(ip, 0, 12)) {
			return isPublicIpv4(Arrays.copyOfRange(ip, 12, 16)); // ::, ::1 and IPv4-compatible ::a.b.c.d
		}
		if (ip[0] == 0x00 && ip[1] == 0x64 && (ip[2] & 0xff) == 0xff && (ip[3] & 0xff) == 0x9b && allZero(ip, 4, 12)) {
			return isPublicIpv4(Arrays.copyOfRange(ip, 12, 16)); // NAT64 64:ff9b::a.b.c.d
		}
		if (ip[0] == 0x20 && ip[1] == 0x02) {
			return isPublicIpv4(Arrays.copyOfRange(ip, 2, 6)); // 6to4 2002:aabb:ccdd::
		}
		int first = ip[0] & 0xff;
		int second = ip[1] & 0xff;
		return !((first & 0xfe) == 0xfc // unique-local fc00::/7
				|| (first == 0xfe && (second & 0xc0) == 0x80) // link-local fe80::/10
				|| (first == 0xfe && (second & 0xc0) == 0xc0) // site-local fec0::/10 (deprecated)
				|| first == 0xff); // multicast
	}

	private static boolean allZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

}
