package nl.salaronline.smtpsettings;

import nl.salaronline.smtp.SmtpServer;

/**
 * A level's own SMTP server as currently saved.
 *
 * @param server the server with decrypted credentials
 * @param version changes whenever the settings are saved, so a cached transport can tell it is stale
 * @param maxPerMinute "Maximaal aantal e-mails per minuut", or {@code null} for no limit
 * @param maxPerDay "Maximaal aantal e-mails per dag" (rolling 24 hours), or {@code null} for no limit
 * @param fallbackToDefault "Bij storing versturen via SalarOnline": while the level is stalled its mails take the
 * default transport instead of waiting
 */
public record OwnSmtp(SmtpServer server, long version, Integer maxPerMinute, Integer maxPerDay,
		boolean fallbackToDefault) {

	/** Without limits or fallback. */
	public OwnSmtp(SmtpServer server, long version) {
		this(server, version, null, null, false);
	}

	/** Whether the level has a sending limit of its own. */
	public boolean limited() {
		return maxPerMinute != null || maxPerDay != null;
	}

}
