package nl.salaronline.smtp;

/** "Gebruik Beveiliging": how the connection is protected. */
public enum SmtpSecurity {

	/** "Geen": plain SMTP. */
	NONE(25),

	/** "STARTTLS": plain connect, then STARTTLS (required: never falls back to plain text). */
	STARTTLS(587),

	/** "SSL/TLS": implicit TLS from the first byte. */
	SSL_TLS(465);

	private final int usualPort;

	SmtpSecurity(int usualPort) {
		this.usualPort = usualPort;
	}

	/**
	 * Whether this protects the connection at least as well as {@code other} ({@code NONE < STARTTLS < SSL_TLS}):
	 * STARTTLS is required (never a fall-back to plain text), and implicit TLS also protects the greeting and EHLO.
	 */
	public boolean isAtLeast(SmtpSecurity other) {
		return other == null || compareTo(other) >= 0;
	}

	/** The port a user most likely wants with this choice (a suggestion, never an override). */
	public int usualPort() {
		return usualPort;
	}

}
