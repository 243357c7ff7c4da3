package nl.salaronline.smtpsettings;

import java.util.Optional;

/**
 * How the mail service finds a level's own SMTP server. Reads the stored settings (so a change saved through one
 * instance is used by every instance for the next mail) and decrypts the secrets.
 */
public interface SmtpSettingsLookup {

	/** The account's own SMTP, only when "Gebruik eigen SMTP" is on. */
	Optional<OwnSmtp> forAccount(long accountId);

	/** The employer's own SMTP, only when "Gebruik eigen SMTP" is on. */
	Optional<OwnSmtp> forEmployer(long employerId);

}
