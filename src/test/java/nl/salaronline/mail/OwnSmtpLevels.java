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
 * password jasypt-encrypted, the version raised on every change), so the mail service reads them through the real
 * {@code SmtpSettingsLookup} and connects through the real {@code SmtpConnections}.
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
		save("employer_id", employer.getId(), port, security, username, password, pinnedSha256);
	}

	void use(Account account, int port, SmtpSecurity security, String username, String password,
			String pinnedSha256) {
		save("account_id", account.getId(), port, security, username, password, pinnedSha256);
	}

	private void save(String level, long id, int port, SmtpSecurity security, String username, String password,
			String pinnedSha256) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		int updated = jdbc.sql("update smtp_settings set enabled = true, host = '127.0.0.1', port = :port, "
				+ "username = :username, security = :security, auth_method = 'PASSWORD', password_encrypted = :password, "
				+ "pinned_certificate_sha256 = :pin, updated_by = 'mail-tests', updated_at = :now, version = version + 1 "
				+ "where " + level + " = :id")
			.param("port", port)
			.param("username", username)
			.param("security", security.name())
			.param("password", encryptor.encrypt(password))
			.param("pin", pinnedSha256)
			.param("now", now)
			.param("id", id)
			.update();
		if (updated == 0) {
			jdbc.sql("insert into smtp_settings (" + level + ", enabled, host, port, username, security, auth_method, "
					+ "password_encrypted, pinned_certificate_sha256, updated_by, updated_at, version) values (:id, true, "
					+ "'127.0.0.1', :port, :username, :security, 'PASSWORD', :password, :pin, 'mail-tests', :now, 0)")
				.param("id", id)
				.param("port", port)
				.param("username", username)
				.param("security", security.name())
				.param("password", encryptor.encrypt(password))
				.param("pin", pinnedSha256)
				.param("now", now)
				.update();
		}
	}

}
