package nl.salaronline.mail;

import nl.salaronline.account.Account;
import nl.salaronline.employer.Employer;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.smtp.SmtpServer;
import nl.salaronline.smtpsettings.OwnSmtp;

/** Turns a level's own SMTP on in the tests (TEMPORARY: through the stand-in lookup until smtpsettings lands). */
final class OwnSmtpLevels {

	private static long version = 1;

	private OwnSmtpLevels() {
	}

	static void use(Employer employer, int port, SmtpSecurity security, String username, String password) {
		TemporaryStandIns.EMPLOYERS.put(employer.getId(), own(port, security, username, password));
	}

	static void use(Account account, int port, SmtpSecurity security, String username, String password) {
		TemporaryStandIns.ACCOUNTS.put(account.getId(), own(port, security, username, password));
	}

	private static synchronized OwnSmtp own(int port, SmtpSecurity security, String username, String password) {
		return new OwnSmtp(new SmtpServer("127.0.0.1", port, security, username,
				new SmtpCredentials.Password(password), null), version++);
	}

}
