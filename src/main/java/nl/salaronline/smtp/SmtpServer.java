package nl.salaronline.smtp;

import java.util.Objects;

/**
 * Everything needed to talk to one level's SMTP server: what the settings screen stores (decrypted), or what a user
 * typed for "Test verbinding".
 *
 * @param host server address (host name or IP literal)
 * @param port server port, 1-65535
 * @param security how the connection is protected
 * @param username "SMTP Gebruikersnaam", an e-mail address (the mailbox for OAuth2)
 * @param credentials the decrypted secret(s)
 * @param pinnedCertificateSha256 SHA-256 fingerprint (lower-case hex, no separators) of a certificate the user chose
 * to trust for this level although no CA vouches for it; {@code null} when none
 * @param plainTextSignIn whether the level chose "Geen" and confirmed the warning that its secret then crosses the
 * network unencrypted; without it nothing signs in over a connection without TLS
 */
public record SmtpServer(String host, int port, SmtpSecurity security, String username, SmtpCredentials credentials,
		String pinnedCertificateSha256, boolean plainTextSignIn) {

	/** A server on which signing in without TLS is refused. */
	public SmtpServer(String host, int port, SmtpSecurity security, String username, SmtpCredentials credentials,
			String pinnedCertificateSha256) {
		this(host, port, security, username, credentials, pinnedCertificateSha256, false);
	}

	public SmtpServer {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(security, "security");
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(credentials, "credentials");
	}

	public SmtpAuthMethod authMethod() {
		return credentials.method();
	}

	/**
	 * Whether the secret may be sent on this connection: always with TLS; with "Geen" only when the level confirmed
	 * the warning.
	 */
	public boolean maySignInOn(boolean encrypted) {
		return encrypted || (security == SmtpSecurity.NONE && plainTextSignIn);
	}

	/** Where the mail goes, for the screens and the Verzendlog: never includes a secret. */
	public String address() {
		return host + ":" + port;
	}

	@Override
	public String toString() {
		return "SmtpServer[" + host + ":" + port + ", " + security + ", " + username + ", " + credentials
				+ (plainTextSignIn ? ", plain-text sign-in confirmed" : "") + "]";
	}

}
