package nl.salaronline.smtp.socket;

import java.io.IOException;
import java.net.InetAddress;

/** The host resolved to an address that {@code salaronline.mail.allow-private-hosts} forbids; no connection made. */
public class HostNotAllowedException extends IOException {

	public HostNotAllowedException(String host, InetAddress address) {
		super(host + " resolves to " + address.getHostAddress() + ", a loopback, private or link-local address");
	}

}
