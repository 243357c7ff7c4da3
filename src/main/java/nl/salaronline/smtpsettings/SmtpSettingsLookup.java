package nl.salaronline.smtpsettings;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the mail service finds a level's own SMTP server. Reads the stored settings (so a change saved through one
 * instance is used by every instance for the next mail) and decrypts the secrets.
 */
public interface SmtpSettingsLookup {

	/** The own SMTP of each of these accounts that has "Gebruik eigen SMTP" on, by account id; one read for all. */
	Map<Long, OwnSmtp> forAccounts(Collection<Long> accountIds);

	/** The own SMTP of each of these employers that has "Gebruik eigen SMTP" on, by employer id; one read for all. */
	Map<Long, OwnSmtp> forEmployers(Collection<Long> employerIds);

	/** The account's own SMTP, only when "Gebruik eigen SMTP" is on. */
	default Optional<OwnSmtp> forAccount(long accountId) {
		return Optional.ofNullable(forAccounts(List.of(accountId)).get(accountId));
	}

	/** The employer's own SMTP, only when "Gebruik eigen SMTP" is on. */
	default Optional<OwnSmtp> forEmployer(long employerId) {
		return Optional.ofNullable(forEmployers(List.of(employerId)).get(employerId));
	}

}
