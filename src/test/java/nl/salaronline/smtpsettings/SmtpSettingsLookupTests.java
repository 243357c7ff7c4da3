package nl.salaronline.smtpsettings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.jasypt.encryption.StringEncryptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpSecurity;

/** What the mail service gets from {@link SmtpSettingsLookup}, and how the password lies in the database. */
@SpringBootTest
@AutoConfigureMockMvc
class SmtpSettingsLookupTests {

	@Autowired
	private SmtpSettingsLookup lookup;

	@Autowired
	private SmtpSettingsRepository settings;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private StringEncryptor encryptor;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private Users users;

	private TestLevels levels;

	@BeforeEach
	void setUp() {
		levels = new TestLevels(accounts, employers, users);
	}

	@Test
	void aLevelWithoutSettingsHasNoOwnSmtp() {
		Account account = levels.account();
		Employer employer = levels.employer(account);
		assertThat(lookup.forAccount(account.getId())).isEmpty();
		assertThat(lookup.forEmployer(employer.getId())).isEmpty();
	}

	@Test
	void accountWithOwnSmtpOnGetsItsServerWithTheDecryptedPassword() {
		Account account = levels.account();
		save(SmtpSettings.forAccount(account.getId()), "smtp.kantoor.nl", 587, SmtpSecurity.STARTTLS, "s3cret!");

		assertThat(lookup.forAccount(account.getId())).hasValueSatisfying(own -> {
			assertThat(own.server().host()).isEqualTo("smtp.kantoor.nl");
			assertThat(own.server().port()).isEqualTo(587);
			assertThat(own.server().security()).isEqualTo(SmtpSecurity.STARTTLS);
			assertThat(own.server().username()).isEqualTo("info@kantoor.nl");
			assertThat(own.server().credentials()).isEqualTo(new SmtpCredentials.Password("s3cret!"));
			assertThat(own.server().toString()).doesNotContain("s3cret!");
		});
	}

	@Test
	void employerWithOwnSmtpOnGetsItsOwnServerNotTheAccounts() {
		Account account = levels.account();
		Employer employer = levels.employer(account);
		save(SmtpSettings.forAccount(account.getId()), "smtp.kantoor.nl", 587, SmtpSecurity.STARTTLS, "kantoor");
		save(SmtpSettings.forEmployer(employer.getId()), "mail.werkgever.nl", 465, SmtpSecurity.SSL_TLS, "werkgever");

		assertThat(lookup.forEmployer(employer.getId())).hasValueSatisfying(own -> {
			assertThat(own.server().address()).isEqualTo("mail.werkgever.nl:465");
			assertThat(own.server().credentials()).isEqualTo(new SmtpCredentials.Password("werkgever"));
		});
	}

	@Test
	void ownSmtpTurnedOffIsNotUsedButItsValuesStayStored() {
		Account account = levels.account();
		SmtpSettings stored = save(SmtpSettings.forAccount(account.getId()), "smtp.kantoor.nl", 25,
				SmtpSecurity.NONE, "bewaard");
		stored.turnOff();
		stored.changedBy("test", Instant.now());
		settings.saveAndFlush(stored);

		assertThat(lookup.forAccount(account.getId())).isEmpty();
		SmtpSettings reloaded = settings.findByAccountId(account.getId()).orElseThrow();
		assertThat(reloaded.getHost()).isEqualTo("smtp.kantoor.nl");
		assertThat(reloaded.password()).isEqualTo("bewaard");
	}

	@Test
	void theVersionChangesWithEverySaveSoACachedTransportCanTellItIsStale() {
		Account account = levels.account();
		SmtpSettings stored = save(SmtpSettings.forAccount(account.getId()), "smtp.kantoor.nl", 587,
				SmtpSecurity.STARTTLS, "eerste");
		long first = lookup.forAccount(account.getId()).orElseThrow().version();

		stored = settings.findById(stored.getId()).orElseThrow();
		stored.useServer("smtp.kantoor.nl", 587, "info@kantoor.nl", SmtpSecurity.STARTTLS, "tweede");
		stored.changedBy("test", Instant.now());
		settings.saveAndFlush(stored);

		OwnSmtp second = lookup.forAccount(account.getId()).orElseThrow();
		assertThat(second.version()).isNotEqualTo(first);
		assertThat(second.server().credentials()).isEqualTo(new SmtpCredentials.Password("tweede"));
	}

	@Test
	void theDatabaseColumnHoldsCiphertextThatDecryptsToThePassword() {
		Account account = levels.account();
		String password = "Wachtwoord-" + TestLevels.unique();
		SmtpSettings stored = save(SmtpSettings.forAccount(account.getId()), "smtp.kantoor.nl", 587,
				SmtpSecurity.STARTTLS, password);

		String raw = jdbc.queryForObject("select password_encrypted from smtp_settings where id = ?", String.class,
				stored.getId());
		assertThat(raw).isNotBlank().isNotEqualTo(password).doesNotContain(password);
		assertThat(encryptor.decrypt(raw)).isEqualTo(password);
	}

	@Test
	void theSamePasswordIsStoredAsDifferentCiphertextEachTime() {
		SmtpSettings first = save(SmtpSettings.forAccount(levels.account().getId()), "smtp.kantoor.nl", 587,
				SmtpSecurity.STARTTLS, "zelfde");
		SmtpSettings second = save(SmtpSettings.forAccount(levels.account().getId()), "smtp.kantoor.nl", 587,
				SmtpSecurity.STARTTLS, "zelfde");
		String sql = "select password_encrypted from smtp_settings where id = ?";
		assertThat(jdbc.queryForObject(sql, String.class, first.getId()))
			.isNotEqualTo(jdbc.queryForObject(sql, String.class, second.getId()));
	}

	private SmtpSettings save(SmtpSettings level, String host, int port, SmtpSecurity security, String password) {
		level.useServer(host, port, "info@kantoor.nl", security, password);
		level.changedBy("test", Instant.now());
		return settings.saveAndFlush(level);
	}

}
