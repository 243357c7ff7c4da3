package nl.salaronline.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name we give in EHLO, worked out once the way Angus Mail does (the canonical name of this machine, else its
 * address in brackets), and given to Angus too, so the probe and the sender introduce themselves alike.
 */
final class LocalHostName {

	private static volatile String value;

	private LocalHostName() {
	}

	static String value() {
		String name = value;
		if (name == null) {
			name = lookUp();
			value = name;
		}
		return name;
	}

	private static String lookUp() {
		try {
			InetAddress local = InetAddress.getLocalHost();
			String canonical = local.getCanonicalHostName();
			if (canonical != null && !canonical.isBlank() && !canonical.equals(local.getHostAddress())) {
				return canonical;
			}
			return "[" + local.getHostAddress() + "]";
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
