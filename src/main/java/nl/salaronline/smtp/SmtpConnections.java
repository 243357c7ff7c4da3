package nl.salaronline.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

/**
 * Opens SMTP connections for a level's server: connect, read and write timeouts (default 10 s), STARTTLS or implicit
 * TLS as chosen with certificate and host name verification (or exactly the pinned certificate), sign-in with the
 * level's credentials, and the host checks of SPEC section 7 against the address actually connected to.
 */
public interface SmtpConnections {

	/** A mail session for the server, for building messages; cheap to call again for the same server. */
	Session session(SmtpServer server);

	/**
	 * A connected and signed-in transport. The caller closes it; it may send many messages over it.
	 * @throws MessagingException when connecting or signing in fails (classify it with {@link SmtpFailure#of})
	 */
	Transport connect(SmtpServer server) throws MessagingException;

}
