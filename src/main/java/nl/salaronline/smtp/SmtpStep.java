package nl.salaronline.smtp;

/** The stages of an SMTP conversation, in order, as "Test verbinding" reports them. */
public enum SmtpStep {

	/** TCP connection, the server's greeting (220) and EHLO. */
	CONNECT,

	/** STARTTLS and the TLS handshake, or the handshake of implicit TLS; skipped with "Geen". */
	TLS,

	/**
	 * OAuth2 only (SPEC section 9): the access token from the provider's token endpoint, before AUTH uses it; the
	 * step's reply is the provider's error code when it refuses.
	 */
	TOKEN,

	/** AUTH with the level's credentials; skipped when the server offers no sign-in. */
	AUTH,

	/** {@code MAIL FROM:<the level's address>}. */
	MAIL_FROM,

	/** {@code RCPT TO:<...>}: the level's own address for a probe, the typed address for a test mail. */
	RCPT_TO,

	/** DATA: only when a test mail is sent. */
	DATA,

	/** RSET and QUIT. */
	QUIT;

	/** The Dutch name of the step: {@code smtp.probe.step.<STEP>}. */
	public String messageKey() {
		return "smtp.probe.step." + name();
	}

}
