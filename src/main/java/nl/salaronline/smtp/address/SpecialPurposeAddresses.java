package nl.salaronline.smtp.address;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses an SMTP server may have when private hosts are not allowed: the IANA IPv4 and IPv6 Special-Purpose
 * Address Registries (RFC 6890 and the RFCs that added rows since), as one table. An address is judged by the most
 * specific row containing it: "globally reachable" false refuses it. Addresses that carry an IPv4 address (IPv4-mapped
 * and -translated, NAT64 well-known and local-use, 6to4, Teredo) have it decoded, and it must be allowed too; 6to4 and
 * Teredo, which the registry leaves "N/A", are judged by what they carry alone.
 * <p>
 * A few rows come from elsewhere, each named: IPv4 multicast (RFC 5771), and for IPv6 everything outside the global
 * unicast space 2000::/3 (RFC 4291; IANA lists the rest as reserved by the IETF), multicast, and the deprecated
 * site-local and IPv4-compatible addresses.
 */
public final class SpecialPurposeAddresses {

	/** A registry row's "Globally Reachable" column. */
	public enum Reach {

		GLOBAL,

		NOT_GLOBAL,

		/** "N/A" in the registry: the address stands for the IPv4 address(es) it carries. */
		BY_EMBEDDED_IPV4

	}

	/** Where an IPv6 address of a row carries IPv4 addresses. */
	enum Embedding {

		NONE,

		/** The last 32 bits (mapped, translated, IPv4-compatible, NAT64 with a /96 prefix, RFC 6052). */
		LAST_32_BITS,

		/** Bits 16-47 (6to4, RFC 3056). */
		SIX_TO_FOUR,

		/** Server in bits 32-63, client in the last 32 bits inverted (Teredo, RFC 4380 section 4). */
		TEREDO

	}

	/**
	 * One row of the table.
	 * @param cidr the block, e.g. {@code 10.0.0.0/8}
	 * @param name the registry's name of the block
	 * @param rfc where it is defined
	 */
	public record Row(String cidr, String name, String rfc, Reach reach, Embedding embedding, byte[] prefix,
			int length) {

		static Row of(String cidr, String name, String rfc, Reach reach, Embedding embedding) {
			int slash = cidr.indexOf('/');
			try {
				byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
				if (cidr.indexOf(':') >= 0 && prefix.length == 4) {
					prefix = ipv4Mapped(prefix); // the JDK reads ::ffff:0:0 as IPv4
				}
				return new Row(cidr, name, rfc, reach, embedding, prefix, Integer.parseInt(cidr.substring(slash + 1)));
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException(cidr, ex);
			}
		}

		boolean contains(byte[] address) {
			if (address.length != prefix.length) {
				return false;
			}
			for (int bit = 0; bit < length; bit++) {
				int mask = 0x80 >>> (bit % 8);
				if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

		@Override
		public String toString() {
			return cidr + " " + name + " (" + rfc + ")";
		}

	}

	private static final Reach GLOBAL = Reach.GLOBAL;

	private static final Reach NOT_GLOBAL = Reach.NOT_GLOBAL;

	private static final Embedding NONE = Embedding.NONE;

	/** The IANA IPv4 Special-Purpose Address Registry, plus multicast. */
	static final List<Row> IPV4 = List.of(
			Row.of("0.0.0.0/8", "\"This network\"", "RFC 791", NOT_GLOBAL, NONE),
			Row.of("0.0.0.0/32", "\"This host on this network\"", "RFC 1122", NOT_GLOBAL, NONE),
			Row.of("10.0.0.0/8", "Private-Use", "RFC 1918", NOT_GLOBAL, NONE),
			Row.of("100.64.0.0/10", "Shared Address Space", "RFC 6598", NOT_GLOBAL, NONE),
			Row.of("127.0.0.0/8", "Loopback", "RFC 1122", NOT_GLOBAL, NONE),
			Row.of("169.254.0.0/16", "Link Local", "RFC 3927", NOT_GLOBAL, NONE),
			Row.of("172.16.0.0/12", "Private-Use", "RFC 1918", NOT_GLOBAL, NONE),
			Row.of("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890", NOT_GLOBAL, NONE),
			Row.of("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335", NOT_GLOBAL, NONE),
			Row.of("192.0.0.8/32", "IPv4 dummy address", "RFC 7600", NOT_GLOBAL, NONE),
			Row.of("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723", GLOBAL, NONE),
			Row.of("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155", GLOBAL, NONE),
			Row.of("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050", NOT_GLOBAL, NONE),
			Row.of("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050", NOT_GLOBAL, NONE),
			Row.of("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737", NOT_GLOBAL, NONE),
			Row.of("192.31.196.0/24", "AS112-v4", "RFC 7535", GLOBAL, NONE),
			Row.of("192.52.193.0/24", "AMT", "RFC 7450", GLOBAL, NONE),
			// deprecated; the registry gives no reachability: a relay anycast address is no mail server
			Row.of("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526", NOT_GLOBAL, NONE),
			Row.of("192.88.99.2/32", "6a44-relay anycast address", "RFC 6751", NOT_GLOBAL, NONE),
			Row.of("192.168.0.0/16", "Private-Use", "RFC 1918", NOT_GLOBAL, NONE),
			Row.of("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534", GLOBAL, NONE),
			Row.of("198.18.0.0/15", "Benchmarking", "RFC 2544", NOT_GLOBAL, NONE),
			Row.of("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737", NOT_GLOBAL, NONE),
			Row.of("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737", NOT_GLOBAL, NONE),
			// not in the special-purpose registry: multicast is no unicast destination
			Row.of("224.0.0.0/4", "Multicast", "RFC 5771", NOT_GLOBAL, NONE),
			Row.of("240.0.0.0/4", "Reserved", "RFC 1112", NOT_GLOBAL, NONE),
			Row.of("255.255.255.255/32", "Limited Broadcast", "RFC 8190, RFC 919", NOT_GLOBAL, NONE));

	/** The IANA IPv6 Special-Purpose Address Registry, within the rows that say what lies outside it. */
	static final List<Row> IPV6 = List.of(
			// IANA IPv6 Address Space: only 2000::/3 is global unicast, the rest is reserved by the IETF
			Row.of("::/0", "Reserved by IETF (outside global unicast)", "RFC 4291", NOT_GLOBAL, NONE),
			Row.of("2000::/3", "Global Unicast", "RFC 4291", GLOBAL, NONE),
			Row.of("::1/128", "Loopback Address", "RFC 4291", NOT_GLOBAL, NONE),
			Row.of("::/128", "Unspecified Address", "RFC 4291", NOT_GLOBAL, NONE),
			// deprecated, not in the registry: ::a.b.c.d
			Row.of("::/96", "IPv4-compatible Address (deprecated)", "RFC 4291", NOT_GLOBAL, Embedding.LAST_32_BITS),
			Row.of("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291", NOT_GLOBAL, Embedding.LAST_32_BITS),
			// not in the registry: ::ffff:0:a.b.c.d, from the first SIIT
			Row.of("::ffff:0:0:0/96", "IPv4-translated Address", "RFC 2765", NOT_GLOBAL, Embedding.LAST_32_BITS),
			Row.of("64:ff9b::/96", "IPv4-IPv6 Translat.", "RFC 6052", GLOBAL, Embedding.LAST_32_BITS),
			Row.of("64:ff9b:1::/48", "IPv4-IPv6 Translat. (local-use)", "RFC 8215", NOT_GLOBAL,
					Embedding.LAST_32_BITS),
			Row.of("100::/64", "Discard-Only Address Block", "RFC 6666", NOT_GLOBAL, NONE),
			Row.of("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780", NOT_GLOBAL, NONE),
			Row.of("2001::/23", "IETF Protocol Assignments", "RFC 2928", NOT_GLOBAL, NONE),
			Row.of("2001::/32", "TEREDO", "RFC 4380, RFC 8190", Reach.BY_EMBEDDED_IPV4, Embedding.TEREDO),
			Row.of("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723", GLOBAL, NONE),
			Row.of("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155", GLOBAL, NONE),
			Row.of("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665", GLOBAL, NONE),
			Row.of("2001:2::/48", "Benchmarking", "RFC 5180", NOT_GLOBAL, NONE),
			Row.of("2001:3::/32", "AMT", "RFC 7450", GLOBAL, NONE),
			Row.of("2001:4:112::/48", "AS112-v6", "RFC 7535", GLOBAL, NONE),
			Row.of("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843", NOT_GLOBAL, NONE),
			Row.of("2001:20::/28", "ORCHIDv2", "RFC 7343", GLOBAL, NONE),
			Row.of("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374", GLOBAL, NONE),
			Row.of("2001:db8::/32", "Documentation", "RFC 3849", NOT_GLOBAL, NONE),
			Row.of("2002::/16", "6to4", "RFC 3056", Reach.BY_EMBEDDED_IPV4, Embedding.SIX_TO_FOUR),
			Row.of("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534", GLOBAL, NONE),
			Row.of("3fff::/20", "Documentation", "RFC 9637", NOT_GLOBAL, NONE),
			Row.of("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602", NOT_GLOBAL, NONE),
			Row.of("fc00::/7", "Unique-Local", "RFC 4193, RFC 8190", NOT_GLOBAL, NONE),
			Row.of("fe80::/10", "Link-Local Unicast", "RFC 4291", NOT_GLOBAL, NONE),
			// deprecated, not in the registry
			Row.of("fec0::/10", "Site-Local Unicast (deprecated)", "RFC 3879", NOT_GLOBAL, NONE),
			Row.of("ff00::/8", "Multicast", "RFC 4291", NOT_GLOBAL, NONE));

	/**
	 * What the table says of one address.
	 * @param allowed whether an SMTP server may have it when private hosts are not allowed
	 * @param row the most specific row containing the address; empty for an ordinary public IPv4 address
	 * @param embedded the verdicts of the IPv4 addresses it carries
	 */
	public record Verdict(InetAddress address, boolean allowed, Optional<Row> row, List<Verdict> embedded) {

		/** For the log: the address, its row, and what it carries. */
		@Override
		public String toString() {
			StringBuilder text = new StringBuilder(address.getHostAddress());
			row.ifPresent(found -> text.append(" in ").append(found));
			embedded.forEach(carried -> text.append(", carrying ").append(carried));
			return text.toString();
		}

	}

	private SpecialPurposeAddresses() {
	}

	public static Verdict judge(InetAddress address) {
		byte[] bytes = address.getAddress();
		Optional<Row> row = (bytes.length == 4 ? IPV4 : IPV6).stream()
			.filter(candidate -> candidate.contains(bytes))
			.max(Comparator.comparingInt(Row::length));
		List<Verdict> embedded = new ArrayList<>();
		row.ifPresent(found -> embeddedIpv4(found.embedding(), bytes).forEach(ipv4 -> embedded.add(judge(ipv4))));
		boolean allowed = row.map(found -> found.reach() != Reach.NOT_GLOBAL).orElse(true)
				&& embedded.stream().allMatch(Verdict::allowed);
		return new Verdict(address, allowed, row, List.copyOf(embedded));
	}

	private static List<InetAddress> embeddedIpv4(Embedding embedding, byte[] ip) {
		return switch (embedding) {
			case NONE -> List.of();
			case LAST_32_BITS -> List.of(ipv4(ip[12], ip[13], ip[14], ip[15]));
			case SIX_TO_FOUR -> List.of(ipv4(ip[2], ip[3], ip[4], ip[5]));
			case TEREDO -> List.of(ipv4(ip[4], ip[5], ip[6], ip[7]),
					ipv4((byte) ~ip[12], (byte) ~ip[13], (byte) ~ip[14], (byte) ~ip[15]));
		};
	}

	private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
		try {
			return Inet4Address.getByAddress(new byte[] { a, b, c, d });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("four bytes are always an IPv4 address", ex);
		}
	}

	private static byte[] ipv4Mapped(byte[] ipv4) {
		byte[] ipv6 = new byte[16];
		ipv6[10] = (byte) 0xff;
		ipv6[11] = (byte) 0xff;
		System.arraycopy(ipv4, 0, ipv6, 12, 4);
		return ipv6;
	}

}
