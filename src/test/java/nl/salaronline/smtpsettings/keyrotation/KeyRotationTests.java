package nl.salaronline.smtpsettings.keyrotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.util.FileSystemUtils;

import nl.salaronline.SmtpInstellingenApplication;
import nl.salaronline.testsupport.ExpectedFailures;
import nl.salaronline.testsupport.RequiredEnvironment;

/**
 * Rotates the key of stored secrets by starting the application as the README says, on a database of its own (H2,
 * and PostgreSQL where it runs), so other tests' secrets are never touched. Each database is removed afterwards.
 */
class KeyRotationTests {

	private static final String OLD_KEY_TEXT = "old-key-" + UUID.randomUUID();

	private static final StringEncryptor OLD_KEY = SecretKeyRotation.encryptorFor(OLD_KEY_TEXT);

	private static final String NEW_KEY = "new-key-" + UUID.randomUUID();

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void everySecretIsReEncryptedWithTheNewKeyAndTheAppStops(String database) throws Exception {
		try (FreshDatabase fresh = FreshDatabase.create(database)) {
			reEncryptsEverySecret(fresh.url());
		}
	}

	private void reEncryptsEverySecret(String url) {
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
		try (FreshDatabase fresh = FreshDatabase.create(database)) {
			refusesAForeignValue(fresh.url());
		}
	}

	private void refusesAForeignValue(String url) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource(url));
		String good = OLD_KEY.encrypt("wachtwoord-2");
		long goodId = insertSettings(jdbc, good, null);
		String foreign = SecretKeyRotation.encryptorFor("some-other-key").encrypt("wachtwoord-3");
		long foreignId = insertSettings(jdbc, foreign, null);

		// the expected failed start is reported to the test, not to the build's console
		ExpectedFailures.Captured failed = ExpectedFailures.capture(() -> application().run(arguments(url, oldKeyText())));
		assertThat(failed.log()).contains("[" + foreignId + "]").doesNotContain("wachtwoord");
		assertThat(failed.thrown()).hasRootCauseInstanceOf(KeyRotationRefusedException.class)
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

	/**
	 * A database of the test's own, migrated by Flyway, and dropped (PostgreSQL) or deleted (H2) when closed, also when
	 * the test failed.
	 */
	private record FreshDatabase(String url, String postgresName, Path h2Directory) implements AutoCloseable {

		static FreshDatabase create(String database) throws SQLException, IOException {
			String name = "salaronline_rotation_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
			FreshDatabase fresh;
			if (database.equals("postgresql")) {
				RequiredEnvironment.requirePostgres();
				postgres("create database " + name);
				fresh = new FreshDatabase("jdbc:postgresql://127.0.0.1:5432/" + name, name, null);
			}
			else {
				Path directory = Files.createTempDirectory("key-rotation");
				fresh = new FreshDatabase("jdbc:h2:file:" + directory.resolve(name), null, directory);
			}
			try {
				// the application's locations (spring.flyway.locations), so it finds the schema it would have made
				String vendor = fresh.url().startsWith("jdbc:postgresql") ? "postgresql" : "h2";
				Flyway.configure().dataSource(fresh.url(), user(fresh.url()), "")
					.locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().migrate();
			}
			catch (RuntimeException ex) {
				fresh.close();
				throw ex;
			}
			return fresh;
		}

		@Override
		public void close() throws SQLException, IOException {
			if (postgresName != null) {
				// "with (force)" ends connections a failed test may have left open
				postgres("drop database if exists " + postgresName + " with (force)");
			}
			if (h2Directory != null) {
				FileSystemUtils.deleteRecursively(h2Directory);
			}
		}

		private static void postgres(String sql) throws SQLException {
			try (Connection connection = DriverManager.getConnection(RequiredEnvironment.postgresUrl(), "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
		}

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
