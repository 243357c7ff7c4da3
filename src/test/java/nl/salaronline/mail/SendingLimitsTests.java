package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.mail.MailFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.jasypt.encryption.StringEncryptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpSecurity;

/**
 * SPEC section 10 against servers that behave like Exchange Online: a level never sends more than its limit in any
 * window, a throttling reply pauses the level instead of failing mails, and other levels are not slowed down. The
 * windows are shortened through configuration ({@link LimitsTest}).
 */
@LimitsTest
class SendingLimitsTests {

	private static final String PASSWORD = "mailbox-geheim";

	private static final Duration MINUTE = Duration.ofSeconds(1);

	private static final Duration DAY = Duration.ofSeconds(3);

	@Autowired
	private MailService mailService;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private StringEncryptor encryptor;

	private OwnSmtpLevels levels;

	private Employer bakery;

	private Employer cycles;

	private ProviderSmtpServer exchange;

	private ProviderSmtpServer other;

	@BeforeEach
	void levels() throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor Limieten");
		bakery = fixtures.employer(account, "Bakkerij De Korenbloem");
		cycles = fixtures.employer(account, "Fietsenmaker Jansen");
		levels = new OwnSmtpLevels(jdbc, encryptor);
		exchange = new ProviderSmtpServer(PASSWORD);
		other = new ProviderSmtpServer(PASSWORD);
		levels.use(bakery, exchange.port(), SmtpSecurity.NONE, "salaris@korenbloem.nl", PASSWORD, null);
		levels.use(cycles, other.port(), SmtpSecurity.NONE, "loon@jansen.nl", PASSWORD, null);
	}

	@AfterEach
	void stop() throws Exception {
		exchange.close();
		other.close();
	}

	@Test
	void aLevelWithALimitSendsEveryMailWithoutEverExceedingItAndAnotherLevelIsNotDelayed() {
		exchange.limit(30, MINUTE, ProviderSmtpServer.EXCHANGE_RATE);
		levels.limit(bakery, 30, 10_000);

		List<MailId> run = mailService.sendAll(payslips(bakery, 150));
		List<MailId> elsewhere = mailService.sendAll(payslips(cycles, 20));

		await(Duration.ofSeconds(15), "the other level's mails are sent", () -> allSent(elsewhere));
		assertThat(exchange.acceptedCount()).as("the limited level is still sending meanwhile").isLessThan(150);

		await(Duration.ofSeconds(40), "all 150 mails are sent", () -> allSent(run));
		assertThat(exchange.throttledCount()).as("the server never had to refuse").isZero();
		assertThat(exchange.mostWithin(MINUTE)).isLessThanOrEqualTo(30);
		assertThat(run).allSatisfy(id -> assertThat(report(id).attempts()).isEqualTo(1));
	}

	@Test
	void aSubmissionQuotaReplyPausesTheLevelUntilTheWindowRollsAndNothingFails() {
		exchange.limit(10, DAY, ProviderSmtpServer.EXCHANGE_QUOTA);

		List<MailId> run = mailService.sendAll(payslips(bakery, 25));

		await(Duration.ofSeconds(8), "the quota was reached", () -> exchange.throttledCount() > 0);
		assertThat(run).noneSatisfy(id -> assertThat(report(id).status()).isEqualTo(MailStatus.FAILED));
		assertThat(run).anySatisfy(id -> assertThat(report(id).waitingFor()).isEqualTo("RATE_LIMIT"));

		await(Duration.ofSeconds(30), "all 25 mails are sent once the window rolled", () -> allSent(run));
		assertThat(exchange.mostWithin(DAY)).isLessThanOrEqualTo(10);
		assertThat(run).allSatisfy(id -> assertThat(report(id).attempts()).isEqualTo(1));
	}

	@Test
	void aRateReplyPausesTheLevelWhichThenGoesOnSlowerWithoutFailingAMail() {
		exchange.limit(6, MINUTE, ProviderSmtpServer.EXCHANGE_RATE);

		List<MailId> run = mailService.sendAll(payslips(bakery, 24));
		Instant start = Instant.now();

		await(Duration.ofSeconds(30), "all 24 mails are sent", () -> allSent(run));
		assertThat(run).allSatisfy(id -> assertThat(report(id).attempts()).isEqualTo(1));
		// refused once, then no faster than it was refused: at most a further refusal or so, never a burst of them
		assertThat(exchange.throttledCount()).isBetween(1, 2);
		assertThat(Duration.between(start, Instant.now())).isGreaterThan(Duration.ofSeconds(2));
	}

	private List<OutgoingMail> payslips(Employer employer, int count) {
		return IntStream.range(0, count)
			.mapToObj(i -> OutgoingMail.toEmployee(employer.getCode(), recipient("werknemer" + i), "Loonstrook " + i,
					"Uw loonstrook staat klaar."))
			.toList();
	}

	private boolean allSent(List<MailId> ids) {
		return ids.stream().allMatch(id -> report(id).status() == MailStatus.SENT);
	}

	private MailReport report(MailId id) {
		return mailService.find(id).orElseThrow();
	}

}
