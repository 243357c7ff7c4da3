package nl.salaronline.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.salaronline.smtp.address.SpecialPurposeAddresses;

/**
 * The host checks of SPEC section 7. A host must be written cleanly (a host name, a dotted-quad IPv4 address or an
 * IPv6 address; never the shorthand forms such as {@code 127.1} or {@code 0x7f.1} that resolvers read differently),
 * must resolve, and unless {@code salaronline.mail.allow-private-hosts} is true, every address it resolves to must be
 * globally reachable by the IANA special-purpose address registries, and so must every IPv4 address it carries
 * ({@link SpecialPurposeAddresses}: loopback, private, CGNAT, link-local with the cloud metadata address,
 * documentation, benchmarking, multicast, reserved; IPv6 outside 2000::/3, unique-local, NAT64 local-use, discard-only,
 * Teredo or 6to4 carrying an internal IPv4 address, ...).
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
			log.info("SMTP host {} refused: it resolves to a non-public address ({})", host,
					Arrays.stream(addresses).map(SpecialPurposeAddresses::judge).filter(verdict -> !verdict.allowed())
						.map(Object::toString).toList());
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

	/** Judged by the IANA special-purpose address registries, embedded IPv4 addresses included. */
	static boolean isPublic(InetAddress address) {
		return SpecialPurposeAddresses.judge(address).allowed();
	}

}
