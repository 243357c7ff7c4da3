package nl.salaronline.smtpsettings;

import nl.salaronline.account.Account;
import nl.salaronline.employer.Employer;

/**
 * One of the two levels whose SMTP settings a screen shows: the signed-in user's account, or one of its employers.
 * Built only after the tenant check, so holding one means the user may see it.
 *
 * @param kind which level
 * @param id the account's or the employer's id
 * @param code the employer's werkgeversnummer; {@code null} for an account
 * @param name shown in the heading
 * @param email the address mail of this level is sent from with own SMTP on, and the Reply-To without it
 * @param path the screen's address, e.g. {@code /werkgever/1001/smtp-instellingen}
 */
record SettingsLevel(Kind kind, long id, String code, String name, String email, String path) {

	enum Kind {

		/** Accountniveau: mail to the account's employers. */
		ACCOUNT,

		/** Werkgeversniveau: mail to the employer's employees. */
		EMPLOYER

	}

	static SettingsLevel of(Account account) {
		return new SettingsLevel(Kind.ACCOUNT, account.getId(), null, account.getName(), account.getEmail(),
				"/gebruiker/smtp-instellingen");
	}

	static SettingsLevel of(Employer employer) {
		return new SettingsLevel(Kind.EMPLOYER, employer.getId(), employer.getCode(), employer.getName(),
				employer.getEmail(), "/werkgever/" + employer.getCode() + "/smtp-instellingen");
	}

}
