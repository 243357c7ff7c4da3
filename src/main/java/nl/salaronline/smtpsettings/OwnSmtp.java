package nl.salaronline.smtpsettings;

import nl.salaronline.smtp.SmtpServer;

/**
 * A level's own SMTP server as currently saved.
 *
 * @param server the server with decrypted credentials
 * @param version changes whenever the settings are saved, so a cached transport can tell it is stale
 */
public record OwnSmtp(SmtpServer server, long version) {
}
