package nl.salaronline.smtp;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Which SMTP servers a level may use ({@code salaronline.mail.allow-private-hosts}, SPEC section 7): when private
 * hosts are not allowed, a host resolving to a loopback, private, link-local, unique-local, multicast or unspecified
 * address (IPv4 or IPv6) is refused.
 */
public interface SmtpHostPolicy {

	/**
	 * Checks a host as typed on the settings screen: it must resolve, and (unless allowed) to public addresses only.
	 * @return the message key of the Dutch field error, or empty when the host may be used
	 */
	Optional<String> refusalOf(String host);

	/** Checks the address a connection is about to be made to (so DNS that changes after saving does not help). */
	boolean allows(InetAddress address);

}
