package nl.salaronline.mail.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One open, signed-in SMTP connection with the session its messages are built in. Used by one thread at a time
 * ({@link SmtpChannels} hands it out exclusively).
 */
final class SmtpChannel {

	private final String key;

	private final long settingsVersion;

	private final Session session;

	private final Transport transport;

	SmtpChannel(String key, long settingsVersion, Session session, Transport transport) {
		this.key = key;
		this.settingsVersion = settingsVersion;
		this.session = session;
		this.transport = transport;
	}

	String key() {
		return key;
	}

	long settingsVersion() {
		return settingsVersion;
	}

	Session session() {
		return session;
	}

	/**
	 * Sends one message over the connection.
	 * @return the server's reply to the end of DATA, e.g. "250 2.0.0 Ok: queued as 4F2A"
	 */
	String send(MimeMessage message) throws MessagingException {
		message.saveChanges(); // Transport.send would do this; sendMessage does not
		transport.sendMessage(message, message.getAllRecipients());
		return transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : "250";
	}

	/** Whether the connection is still open (for SMTP this asks the server with NOOP). */
	boolean isUsable() {
		return transport.isConnected();
	}

	void close() {
		try {
			transport.close();
		}
		catch (MessagingException | RuntimeException ex) {
			// QUIT failed: the connection is gone either way
		}
	}

}
