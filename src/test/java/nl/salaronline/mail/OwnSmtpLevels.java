package nl.salaronline.mail;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jasypt.encryption.StringEncryptor;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.salaronline.account.Account;
import nl.salaronline.employer.Employer;
import nl.salaronline.smtp.SmtpSecurity;

/**
 * Turns a level's own SMTP on in the tests by storing its settings as the SMTP Instellingen screen saves them (the
 * secret jasypt-encrypted, the other sign-in methods' secrets empty, "Geen" with its warning confirmed, the version
 * raised on every change), so the mail service reads them through the real {@code SmtpSettingsLookup} and connects
 * through the real {@code SmtpConnections}.
 */
final class OwnSmtpLevels {

	private final JdbcClient jdbc;

	private final StringEncryptor encryptor;

	OwnSmtpLevels(JdbcClient jdbc, StringEncryptor encryptor) {
		this.jdbc = jdbc;
		this.encryptor = encryptor;
	}

	void use(Employer employer, int port, SmtpSecurity security, String username, String password,
			String pinnedSha256) {
		save("employer_id", employer.getId(), port, security, username, pinnedSha256,
				new SignIn("PASSWORD", encryptor.encrypt(password), null, null, null, null));
	}

	void use(Account account, int port, SmtpSecurity security, String username, String password,
			String pinnedSha256) {
		save("account_id", account.getId(), port, security, username, pinnedSha256,
				new SignIn("PASSWORD", encryptor.encrypt(password), null, null, null, null));
	}

	/** "Aanmelden met" Microsoft 365 (OAuth2): the mailbox is the SMTP Gebruikersnaam. */
	void useMicrosoft(Employer employer, int port, String mailbox, String tenantId, String clientId,
			String clientSecret) {
		save("employer_id", employer.getId(), port, SmtpSecurity.NONE, mailbox, null,
				new SignIn("MICROSOFT_OAUTH2", null, tenantId, clientId, encryptor.encrypt(clientSecret), null));
	}

	/** "Aanmelden met" Google Workspace (OAuth2): the service account impersonates the mailbox. */
	void useGoogle(Employer employer, int port, String mailbox, String serviceAccountKeyJson) {
		save("employer_id", employer.getId(), port, SmtpSecurity.NONE, mailbox, null,
				new SignIn("GOOGLE_OAUTH2", null, null, null, null, encryptor.encrypt(serviceAccountKeyJson)));
	}

	/** "Maximaal aantal e-mails per minuut / per dag" of a level whose own SMTP is on. */
	void limit(Employer employer, Integer perMinute, Integer perDay) {
		jdbc.sql("update smtp_settings set max_per_minute = :minute, max_per_day = :day, version = version + 1 "
				+ "where employer_id = :id")
			.param("minute", perMinute, java.sql.Types.INTEGER)
			.param("day", perDay, java.sql.Types.INTEGER)
			.param("id", employer.getId())
			.update();
	}

	/** "Bij storing versturen via SalarOnline" on. */
	void fallback(Employer employer) {
		jdbc.sql("update smtp_settings set fallback_to_default = true, version = version + 1 where employer_id = :id")
			.param("id", employer.getId())
			.update();
	}

	private record SignIn(String method, String password, String tenantId, String clientId, String clientSecret,
			String serviceAccountKey) {
	}

	private void save(String level, long id, int port, SmtpSecurity security, String username, String pinnedSha256,
			SignIn signIn) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		int updated = jdbc.sql("update smtp_settings set enabled = true, host = '127.0.0.1', port = :port, "
				+ "username = :username, security = :security, auth_method = :method, password_encrypted = :password, "
				+ "oauth_tenant_id = :tenant, oauth_client_id = :client, oauth_client_secret_encrypted = :secret, "
				+ "google_service_account_key_encrypted = :key, pinned_certificate_sha256 = :pin, "
				+ "plain_text_sign_in_confirmed = :plain, updated_by = 'mail-tests', updated_at = :now, "
				+ "version = version + 1 where " + level + " = :id")
			.param("port", port)
			.param("username", username)
			.param("security", security.name())
			.param("method", signIn.method())
			.param("password", signIn.password())
			.param("tenant", signIn.tenantId())
			.param("client", signIn.clientId())
			.param("secret", signIn.clientSecret())
			.param("key", signIn.serviceAccountKey())
			.param("pin", pinnedSha256)
			.param("plain", security == SmtpSecurity.NONE)
			.param("now", now)
			.param("id", id)
			.update();
		if (updated == 0) {
			jdbc.sql("insert into smtp_settings (" + level + ", enabled, host, port, username, security, auth_method, "
					+ "password_encrypted, oauth_tenant_id, oauth_client_id, oauth_client_secret_encrypted, "
					+ "google_service_account_key_encrypted, pinned_certificate_sha256, plain_text_sign_in_confirmed, "
					+ "updated_by, updated_at, version) values (:id, true, '127.0.0.1', :port, :username, :security, :method, "
					+ ":password, :tenant, :client, :secret, :key, :pin, :plain, 'mail-tests', :now, 0)")
				.param("id", id)
				.param("port", port)
				.param("username", username)
				.param("security", security.name())
				.param("method", signIn.method())
				.param("password", signIn.password())
				.param("tenant", signIn.tenantId())
				.param("client", signIn.clientId())
				.param("secret", signIn.clientSecret())
				.param("key", signIn.serviceAccountKey())
				.param("pin", pinnedSha256)
				.param("plain", security == SmtpSecurity.NONE)
				.param("now", now)
				.update();
		}
	}

}
