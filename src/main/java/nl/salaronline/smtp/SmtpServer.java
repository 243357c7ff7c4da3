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
 */
public record SmtpServer(String host, int port, SmtpSecurity security, String username, SmtpCredentials credentials,
		String pinnedCertificateSha256) {

	public SmtpServer {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(security, "security");
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(credentials, "credentials");
	}

	public SmtpAuthMethod authMethod() {
		return credentials.method();
	}

	/** Where the mail goes, for the screens and the Verzendlog: never includes a secret. */
	public String address() {
		return host + ":" + port;
	}

	@Override
	public String toString() {
		return "SmtpServer[" + host + ":" + port + ", " + security + ", " + username + ", " + credentials + "]";
	}

}
