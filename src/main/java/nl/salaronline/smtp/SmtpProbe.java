package nl.salaronline.smtp;

/**
 * "Test verbinding" and "Verstuur testmail" (SPEC section 6): a staged SMTP conversation on the values in the form,
 * reporting each step with its outcome, duration and the server's own reply. Each call ends within
 * {@code salaronline.mail.probe-deadline} (15 s) whatever the server does, and connects only where the host policy
 * allows, with the same TLS trust decision (including a pinned certificate) as the sender.
 * <p>
 * The caller limits how often a user may probe ({@link SmtpProbeLimiter}) and decides which password may be used
 * (SPEC section 4: the stored one only while host, port and username are unchanged, security is unchanged or
 * stronger and the trusted certificate is the same). Like the sender, the probe signs in without TLS only when the
 * server says the level confirmed "Geen" ({@link SmtpServer#plainTextSignIn()}).
 */
public interface SmtpProbe {

	/**
	 * connect, TLS, AUTH, {@code MAIL FROM:<levelAddress>}, {@code RCPT TO:<levelAddress>}, RSET and QUIT; sends
	 * nothing.
	 * @param levelAddress the e-mail address registered at the level, the sender of its mails
	 */
	ProbeReport probe(SmtpServer server, String levelAddress);

	/** The same steps with the typed recipient, then DATA: a real mail from the level's address. */
	ProbeReport sendTestMail(SmtpServer server, String levelAddress, TestMail mail);

	/**
	 * A test mail.
	 * @param to the address the user typed
	 * @param subject the subject, in the user's language
	 * @param text the plain text body
	 */
	record TestMail(String to, String subject, String text) {
	}

}
