package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.mail.MailFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;

import org.jasypt.encryption.StringEncryptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpSecurity;

@MailTest
class OutboxObservabilityTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MailService mailService;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private StringEncryptor encryptor;

	@Test
	void sentMailsAreCountedByTransportAndStatus() {
		double before = sentByDefault();
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Employer employer = fixtures.employer(fixtures.account("Kantoor Meting"), "Bakkerij Teller");
		MailId id = mailService.send(OutgoingMail.toEmployee(employer.getCode(), recipient("werknemer"), "Strook", "x"));
		await(Duration.ofSeconds(30), "the mail is sent", () -> mailService.find(id).orElseThrow().status() == MailStatus.SENT);
		assertThat(sentByDefault()).isEqualTo(before + 1);
	}

	@Test
	void requestsAreTimedWithoutALongTaskTimerAroundEach() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		assertThat(meters.find("http.server.requests").timer()).as("http.server.requests").isNotNull();
		// a second meter started and stopped around every request, for a gauge nobody reads (application.properties)
		assertThat(meters.find("http.server.requests.active").longTaskTimer()).as("http.server.requests.active").isNull();
	}

	@Test
	void theHealthEndpointReportsTheOutbox() throws Exception {
		mvc.perform(get("/actuator/health").with(user("admin").roles("ADMIN")))
			.andExpect(jsonPath("$.components.outbox.status").value("UP"))
			.andExpect(jsonPath("$.components.outbox.details.backlog").isNumber())
			.andExpect(jsonPath("$.components.outbox.details.oldestWaitingSeconds").isNumber())
			.andExpect(jsonPath("$.components.outbox.details.overdueSeconds").isNumber());
	}

	@Test
	void theHealthEndpointsOldestWaitingMailIsQueuedOrBeingSentNeverSent() throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Employer employer = fixtures.employer(fixtures.account("Kantoor Achterstand"), "Bakkerij Achterstand");
		// from 2001, so older than any other test's mail; neither due nor past a lease, so no worker takes them
		Instant old = Instant.parse("2001-01-01T08:00:00Z");
		String queued = insertMail(employer, "QUEUED", old.plus(Duration.ofHours(1)));
		String sending = insertMail(employer, "SENDING", old);
		String sent = insertMail(employer, "SENT", old.minus(Duration.ofHours(1)));
		try {
			assertThat(outboxHealth("backlog")).isGreaterThanOrEqualTo(2);
			assertThat(outboxHealth("oldestWaitingSeconds")).isCloseTo(secondsSince(old), within(60L));

			jdbc.sql("delete from mail where id = ?").param(sending).update();
			assertThat(outboxHealth("oldestWaitingSeconds"))
				.isCloseTo(secondsSince(old.plus(Duration.ofHours(1))), within(60L));
		}
		finally {
			jdbc.sql("delete from mail where id in (?, ?, ?)").params(queued, sending, sent).update();
		}
	}

	@Test
	void aBurstForOneLevelSharesOneConnectionUntilItsSettingsChange() throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor Burst");
		Employer employer = fixtures.employer(account, "Bakkerij Burst");
		try (TestSmtpServers.StartTlsServer server = TestSmtpServers.startTls("smtp@burst.nl", "geheim")) {
			OwnSmtpLevels levels = new OwnSmtpLevels(jdbc, encryptor);
			levels.use(employer, server.port(), SmtpSecurity.STARTTLS, "smtp@burst.nl", "geheim",
					TestSmtpServers.greenMailCertificateSha256());
			List<MailId> ids = new CopyOnWriteArrayList<>();
			for (int i = 0; i < 10; i++) {
				ids.add(mailService.send(OutgoingMail.toEmployee(employer.getCode(), recipient("werknemer"), "Strook " + i,
						"x")));
			}
			await(Duration.ofSeconds(30), "the burst is delivered", () -> server.received().size() == 10);
			assertThat(server.sessions()).as("SMTP sessions for 10 mails").hasSize(1);

			levels.use(employer, server.port(), SmtpSecurity.STARTTLS, "smtp@burst.nl", "geheim",
					TestSmtpServers.greenMailCertificateSha256());
			mailService.send(OutgoingMail.toEmployee(employer.getCode(), recipient("werknemer"), "Na wijziging", "x"));
			await(Duration.ofSeconds(30), "the next mail is delivered", () -> server.received().size() == 11);
			assertThat(server.sessions()).as("a new connection after the settings changed").hasSize(2);
		}
	}

	private long outboxHealth(String detail) throws Exception {
		String json = mvc.perform(get("/actuator/health").with(user("admin").roles("ADMIN")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.<Number>read(json, "$.components.outbox.details." + detail).longValue();
	}

	private static long secondsSince(Instant instant) {
		return Duration.between(instant, Instant.now()).toSeconds();
	}

	private String insertMail(Employer employer, String status, Instant created) {
		String id = UUID.randomUUID().toString();
		OffsetDateTime tomorrow = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1);
		OffsetDateTime at = created.atOffset(ZoneOffset.UTC);
		jdbc.sql("""
				insert into mail (id, employer_id, account_id, recipient_kind, to_address, subject, body_text, status,
				  attempts, next_attempt_at, claimed_by, claim_token, claimed_until, created_at, updated_at)
				values (?, ?, ?, 'EMPLOYEE', ?, 'Loonstrook', 'Bijgaand je loonstrook.', ?, 1, ?, 'test', ?, ?, ?, ?)""")
			.params(id, employer.getId(), employer.getAccountId(), recipient("werknemer"), status, tomorrow,
					UUID.randomUUID().toString(), tomorrow, at, at)
			.update();
		return id;
	}

	private double sentByDefault() {
		var counter = meters.find("salaronline.mails").tag("transport", "DEFAULT").tag("status", "SENT").counter();
		return counter == null ? 0 : counter.count();
	}


}
