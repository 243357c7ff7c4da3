package nl.salaronline.mail.outbox;

import jakarta.mail.internet.InternetAddress;

import nl.salaronline.mail.MailTransport;
import nl.salaronline.smtpsettings.OwnSmtp;

/**
 * How one mail is sent: through which server, from which address.
 *
 * @param channel which connection it may share with other mails ({@code DEFAULT}, {@code ACCOUNT:7},
 * {@code EMPLOYER:12})
 * @param from the From address with its display name
 * @param replyTo the level's own address on the default transport; {@code null} with own SMTP
 * @param ownSmtp the level's server with own SMTP; {@code null} on the default transport
 */
record Route(MailTransport transport, String channel, InternetAddress from, InternetAddress replyTo, OwnSmtp ownSmtp) {

	static final String DEFAULT_CHANNEL = "DEFAULT";

	/** Changes when the level's settings are saved, so a cached connection knows it is stale. */
	long settingsVersion() {
		return ownSmtp == null ? 0 : ownSmtp.version();
	}

}
