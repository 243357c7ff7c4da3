package nl.salaronline.smtp;

/** "Aanmelden met": how the level signs in to its SMTP server (SPEC section 9). */
public enum SmtpAuthMethod {

	/** "Wachtwoord": AUTH LOGIN/PLAIN with SMTP Gebruikersnaam and SMTP Wachtwoord. */
	PASSWORD,

	/** "Microsoft 365 (OAuth2)": client-credentials token, AUTH XOAUTH2 as the mailbox. */
	MICROSOFT_OAUTH2,

	/** "Google Workspace (OAuth2)": service-account JWT-bearer token, AUTH XOAUTH2 as the mailbox. */
	GOOGLE_OAUTH2

}
