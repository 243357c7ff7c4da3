package nl.salaronline.smtpsettings.keyrotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jasypt.encryption.StringEncryptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.salaronline.SmtpInstellingenApplication;
import nl.salaronline.testsupport.RequiredEnvironment;

/**
 * Rotates the key of stored secrets by starting the application as the README says, on a database of its own (H2,
 * and PostgreSQL where it runs), so other tests' secrets are never touched.
 */
class KeyRotationTests {

	private static final String OLD_KEY_TEXT = "old-key-" + UUID.randomUUID();

	private static final StringEncryptor OLD_KEY = SecretKeyRotation.encryptorFor(OLD_KEY_TEXT);

	private static final String NEW_KEY = "new-key-" + UUID.randomUUID();

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void everySecretIsReEncryptedWithTheNewKeyAndTheAppStops(String database) throws Exception {
		String url = freshDatabase(database);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource(url));
		long settingsId = insertSettings(jdbc, OLD_KEY.encrypt("wachtwoord-1"), OLD_KEY.encrypt("clientgeheim-1"));

		var context = application().run(arguments(url, oldKeyText()));

		assertThat(context.isActive()).as("the rotation command stops the application").isFalse();
		StringEncryptor newKey = SecretKeyRotation.encryptorFor(NEW_KEY);
		assertThat(newKey.decrypt(column(jdbc, "password_encrypted", settingsId))).isEqualTo("wachtwoord-1");
		assertThat(newKey.decrypt(column(jdbc, "oauth_client_secret_encrypted", settingsId))).isEqualTo("clientgeheim-1");
		assertThat(column(jdbc, "password_encrypted", settingsId)).doesNotContain("wachtwoord-1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void aValueThatDoesNotDecryptWithTheOldKeyStopsEverythingAndChangesNothing(String database) throws Exception {
		String url = freshDatabase(database);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource(url));
		String good = OLD_KEY.encrypt("wachtwoord-2");
		long goodId = insertSettings(jdbc, good, null);
		String foreign = SecretKeyRotation.encryptorFor("some-other-key").encrypt("wachtwoord-3");
		long foreignId = insertSettings(jdbc, foreign, null);

		assertThatThrownBy(() -> application().run(arguments(url, oldKeyText())))
			.hasRootCauseInstanceOf(KeyRotationRefusedException.class)
			.rootCause()
			.hasMessageContaining("[" + foreignId + "]")
			.hasMessageNotContaining("wachtwoord");

		assertThat(column(jdbc, "password_encrypted", goodId)).isEqualTo(good);
		assertThat(column(jdbc, "password_encrypted", foreignId)).isEqualTo(foreign);
	}

	private static String oldKeyText() {
		return OLD_KEY_TEXT;
	}

	private static SpringApplication application() {
		SpringApplication application = new SpringApplication(SmtpInstellingenApplication.class);
		return application;
	}

	private static String[] arguments(String url, String oldKey) {
		return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user(url),
				"--spring.datasource.password=", "--jasypt.encryptor.password=" + NEW_KEY,
				"--salaronline.rotate-key.from=" + oldKey, "--salaronline.demo-data=false",
				"--salaronline.mail.worker.enabled=false", "--server.port=0")
			.toArray(String[]::new);
	}

	private static String freshDatabase(String database) throws SQLException, IOException {
		String name = "salaronline_rotation_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String url;
		if (database.equals("postgresql")) {
			RequiredEnvironment.requirePostgres();
			try (Connection connection = DriverManager.getConnection(RequiredEnvironment.postgresUrl(), "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("create database " + name);
			}
			url = "jdbc:postgresql://127.0.0.1:5432/" + name;
		}
		else {
			url = "jdbc:h2:file:" + Files.createTempDirectory("key-rotation").resolve(name);
		}
		// the same migrations as the application: the common ones and this database's own (db/vendor/{vendor})
		String vendor = url.startsWith("jdbc:postgresql") ? "postgresql" : "h2";
		Flyway.configure()
			.dataSource(url, user(url), "")
			.locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
			.load()
			.migrate();
		return url;
	}

	private static String user(String url) {
		return url.startsWith("jdbc:postgresql") ? "postgres" : "sa";
	}

	private static DataSource dataSource(String url) {
		return new DriverManagerDataSource(url, user(url), "");
	}

	private static long insertSettings(JdbcTemplate jdbc, String password, String clientSecret) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		jdbc.update("insert into account (name, email) values (?, ?)", "Kantoor " + suffix, "info@kantoor.nl");
		long accountId = jdbc.queryForObject("select id from account where name = ?", Long.class, "Kantoor " + suffix);
		jdbc.update("insert into smtp_settings (account_id, enabled, host, port, username, security, auth_method, "
				+ "password_encrypted, oauth_client_secret_encrypted, updated_by, updated_at) "
				+ "values (?, true, 'smtp.kantoor.nl', 587, 'info@kantoor.nl', 'STARTTLS', 'PASSWORD', ?, ?, 'test', "
				+ "current_timestamp)", accountId, password, clientSecret);
		return jdbc.queryForObject("select id from smtp_settings where account_id = ?", Long.class, accountId);
	}

	private static String column(JdbcTemplate jdbc, String column, long id) {
		return jdbc.queryForObject("select " + column + " from smtp_settings where id = ?", String.class, id);
	}

}
