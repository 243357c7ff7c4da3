package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.mail.MailFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jasypt.encryption.StringEncryptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.smtpsettings.SendingStops;

@MailTest
class MailDeliveryTests {

	private static final Duration DELIVERY = Duration.ofSeconds(30);

	/** The levels with TLS trust exactly GreenMail's self-signed test certificate, as a user would after checking it. */
	private static final String PINNED = TestSmtpServers.greenMailCertificateSha256();

	@Autowired
	private SendingStops sendingStops;

	@Autowired
	private MailService mailService;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private StringEncryptor encryptor;

	private OwnSmtpLevels levels;

	private MailFixtures fixtures;

	private Account account;

	private Employer bakery;

	@BeforeEach
	void freshLevels() {
		fixtures = new MailFixtures(accounts, employers);
		levels = new OwnSmtpLevels(jdbc, encryptor);
		account = fixtures.account("Kantoor Telder");
		bakery = fixtures.employer(account, "Bakkerij De Korenbloem");
	}

	@Test
	void employeeMailWithoutOwnSmtpGoesOutFromThePlatformOnBehalfOfTheEmployer() throws Exception {
		String to = recipient("werknemer");
		MailId id = mailService.send(OutgoingMail.toEmployee(bakery.getCode(), to, "Uw loonstrook", "Zie bijlage")
			.withAttachment(new MailAttachment("loonstrook.pdf", "application/pdf", "%PDF-1.4".getBytes())));

		MimeMessage message = awaitOne(DefaultMailServer.get(), to);
		assertFrom(message, "no-reply@salaronline.nl", "Bakkerij De Korenbloem via SalarOnline");
		assertThat(replyTo(message)).isEqualTo(bakery.getEmail());
		assertThat(message.getSubject()).isEqualTo("Uw loonstrook");
		assertThat(attachmentNames(message)).containsExactly("loonstrook.pdf");
		awaitSent(id); // the server stores the mail just before it answers 250
		assertThat(report(id)).satisfies(report -> {
			assertThat(report.status()).isEqualTo(MailStatus.SENT);
			assertThat(report.transport()).isEqualTo(MailTransport.DEFAULT);
			assertThat(report.attempts()).isEqualTo(1);
			assertThat(report.lastError()).isNull();
		});
	}

	@Test
	void employerMailWithoutOwnSmtpHasTheAccountAsReplyTo() throws Exception {
		String to = recipient("werkgever");
		mailService.send(OutgoingMail.toEmployer(bakery.getCode(), to, "Loonjournaal", "Bijgaand het journaal"));

		MimeMessage message = awaitOne(DefaultMailServer.get(), to);
		assertFrom(message, "no-reply@salaronline.nl", account.getName() + " via SalarOnline");
		assertThat(replyTo(message)).isEqualTo(account.getEmail());
	}

	@Test
	void eachLevelsOwnSmtpCarriesItsMailFromItsOwnAddress() throws Exception {
		Employer cycles = fixtures.employer(account, "Fietsenmaker Jansen");
		try (TestSmtpServers.StartTlsServer accountServer = TestSmtpServers.startTls("smtp@kantoor.nl", "kantoor-geheim")) {
			GreenMail bakeryServer = TestSmtpServers.smtpWithAuth("smtp@korenbloem.nl", "bakker-geheim");
			GreenMail cyclesServer = TestSmtpServers.smtps("smtp@jansen.nl", "fiets-geheim");
			try {
				levels.use(bakery, TestSmtpServers.port(bakeryServer), SmtpSecurity.NONE, "smtp@korenbloem.nl",
						"bakker-geheim", null);
				levels.use(cycles, TestSmtpServers.port(cyclesServer), SmtpSecurity.SSL_TLS, "smtp@jansen.nl",
						"fiets-geheim", PINNED);
				levels.use(account, accountServer.port(), SmtpSecurity.STARTTLS, "smtp@kantoor.nl",
						"kantoor-geheim", PINNED);
				String baker = recipient("bakker");
				String cyclist = recipient("fietser");
				String employer = recipient("werkgever");
				String otherEmployee = recipient("werknemer");
				MailId toBaker = mailService.send(OutgoingMail.toEmployee(bakery.getCode(), baker, "Loonstrook", "A"));
				MailId toCyclist = mailService.send(OutgoingMail.toEmployee(cycles.getCode(), cyclist, "Loonstrook", "B"));
				MailId toEmployer = mailService.send(OutgoingMail.toEmployer(cycles.getCode(), employer, "Journaal", "C"));

				assertFrom(awaitOne(bakeryServer, baker), bakery.getEmail(), "Bakkerij De Korenbloem");
				assertFrom(awaitOne(cyclesServer, cyclist), cycles.getEmail(), "Fietsenmaker Jansen");
				await(DELIVERY, "the account's server received its mail", () -> accountServer.received().size() == 1);
				MimeMessage toAccountLevel = accountServer.received().get(0);
				assertFrom(toAccountLevel, account.getEmail(), account.getName());
				assertThat(toAccountLevel.getHeader("Reply-To")).isNull();
				List.of(toBaker, toCyclist, toEmployer).forEach(this::awaitSent);
				assertThat(report(toBaker).transport()).isEqualTo(MailTransport.EMPLOYER);
				assertThat(report(toCyclist).transport()).isEqualTo(MailTransport.EMPLOYER);
				assertThat(report(toEmployer).transport()).isEqualTo(MailTransport.ACCOUNT);
				assertThat(report(toEmployer).from()).contains(account.getEmail());
				assertThat(bakeryServer.getReceivedMessages()).hasSize(1);
				assertThat(cyclesServer.getReceivedMessages()).hasSize(1);

				// an employee of an employer without own SMTP still goes through the default transport
				Employer plain = fixtures.employer(account, "Kapsalon Knip");
				mailService.send(OutgoingMail.toEmployee(plain.getCode(), otherEmployee, "Loonstrook", "D"));
				assertFrom(awaitOne(DefaultMailServer.get(), otherEmployee), "no-reply@salaronline.nl",
						"Kapsalon Knip via SalarOnline");
			}
			finally {
				bakeryServer.stop();
				cyclesServer.stop();
			}
		}
	}

	@Test
	void mailsAcceptedWhileTheServerIsDownAreAllDeliveredOnceWhenItIsUp() throws Exception {
		int port = TestSmtpServers.freePort();
		levels.use(bakery, port, SmtpSecurity.NONE, "smtp@korenbloem.nl", "bakker-geheim", null);
		List<String> recipients = new ArrayList<>();
		List<MailId> ids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String to = recipient("werknemer" + i);
			recipients.add(to);
			ids.add(mailService.send(OutgoingMail.toEmployee(bakery.getCode(), to, "Loonstrook " + i, "Tekst")));
		}
		await(DELIVERY, "every mail was tried at least twice while the server was down",
				() -> ids.stream().allMatch(id -> report(id).attempts() >= 2));
		assertThat(ids).allSatisfy(id -> {
			assertThat(report(id).status()).isIn(MailStatus.QUEUED, MailStatus.SENDING);
			assertThat(report(id).lastError()).isNotBlank();
		});

		GreenMail server = TestSmtpServers.smtpWithAuth(port, "smtp@korenbloem.nl", "bakker-geheim");
		try {
			await(DELIVERY, "all mails are sent", () -> ids.stream().allMatch(id -> report(id).status() == MailStatus.SENT));
			Thread.sleep(500); // a duplicate would arrive within the next poll
			MimeMessage[] received = server.getReceivedMessages();
			assertThat(received).hasSize(20);
			List<String> delivered = new ArrayList<>();
			for (MimeMessage message : received) {
				delivered.add(((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress());
			}
			assertThat(delivered).containsExactlyInAnyOrderElementsOf(recipients);
			assertThat(ids).allSatisfy(id -> assertThat(report(id).lastError()).isNull());
		}
		finally {
			server.stop();
		}
	}

	@Test
	void aWrongPasswordStopsTheLevelAndTheMailWaitsWithoutSpendingAnAttempt() throws Exception {
		GreenMail server = TestSmtpServers.smtpWithAuth("smtp@korenbloem.nl", "juist-wachtwoord");
		try {
			levels.use(bakery, TestSmtpServers.port(server), SmtpSecurity.NONE, "smtp@korenbloem.nl",
					"fout-wachtwoord", null);
			MailId id = mailService.send(OutgoingMail.toEmployee(bakery.getCode(), recipient("werknemer"), "Loonstrook",
					"Tekst"));
			// SPEC section 10: the level's sign-in is refused, so the level stops, not the mail
			await(DELIVERY, "the level stopped", () -> "STALLED".equals(report(id).waitingFor()));
			MailReport report = report(id);
			assertThat(report.status()).isEqualTo(MailStatus.QUEUED);
			assertThat(report.attempts()).isZero();
			assertThat(server.getReceivedMessages()).isEmpty();
		}
		finally {
			server.stop();
		}
	}

	@Test
	void anUntrustedCertificateStopsTheLevelWithoutSendingTheMail() throws Exception {
		GreenMail server = TestSmtpServers.smtps("smtp@korenbloem.nl", "bakker-geheim");
		try {
			levels.use(bakery, TestSmtpServers.port(server), SmtpSecurity.SSL_TLS, "smtp@korenbloem.nl",
					"bakker-geheim", null);
			MailId id = mailService.send(OutgoingMail.toEmployee(bakery.getCode(), recipient("werknemer"), "Loonstrook",
					"Tekst"));
			await(DELIVERY, "the level stopped", () -> "STALLED".equals(report(id).waitingFor()));
			assertThat(report(id).status()).isEqualTo(MailStatus.QUEUED);
			assertThat(report(id).attempts()).isZero();
			assertThat(server.getReceivedMessages()).isEmpty();
		}
		finally {
			server.stop();
		}
	}

	@Test
	void aSettingsChangeIsUsedForTheNextMail() throws Exception {
		GreenMail first = TestSmtpServers.smtpWithAuth("smtp@korenbloem.nl", "eerste");
		GreenMail second = TestSmtpServers.smtpWithAuth("smtp@korenbloem.nl", "tweede");
		try {
			levels.use(bakery, TestSmtpServers.port(first), SmtpSecurity.NONE, "smtp@korenbloem.nl", "eerste", null);
			String before = recipient("voor");
			mailService.send(OutgoingMail.toEmployee(bakery.getCode(), before, "Voor de wijziging", "Tekst"));
			awaitOne(first, before);

			levels.use(bakery, TestSmtpServers.port(second), SmtpSecurity.NONE, "smtp@korenbloem.nl", "tweede", null);
			String after = recipient("na");
			mailService.send(OutgoingMail.toEmployee(bakery.getCode(), after, "Na de wijziging", "Tekst"));
			awaitOne(second, after);
			assertThat(first.getReceivedMessages()).hasSize(1);
		}
		finally {
			first.stop();
			second.stop();
		}
	}

	@Test
	void aMailWhoseWorkerDiedMidSendIsTakenOverWhenTheLeaseEnds() throws Exception {
		String to = recipient("werknemer");
		// stored and claimed in one transaction, so this context's worker never sees it QUEUED: as if another
		// instance claimed it and crashed before recording the outcome
		MailId id = transactions.execute(status -> {
			MailId queued = mailService.send(OutgoingMail.toEmployee(bakery.getCode(), to, "Loonstrook", "Tekst"));
			jdbc.sql("""
					update mail set status = 'SENDING', attempts = 1, claimed_by = 'crashed-instance',
					  claim_token = 'lost', claimed_until = :until where id = :id""")
				.param("until", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1))
				.param("id", queued.value())
				.update();
			return queued;
		});
		assertThat(report(id).status()).isEqualTo(MailStatus.SENDING);

		awaitOne(DefaultMailServer.get(), to);
		awaitSent(id);
		assertThat(report(id).attempts()).isEqualTo(2);
		assertThat(jdbc.sql("select claimed_by from mail where id = :id").param("id", id.value()).query(String.class)
			.single()).isEqualTo("mail-tests");
	}

	/**
	 * A level stored with "Geen" and a password but never warned (saved before the warning existed) does not send its
	 * password in clear text: the level stops with that reason (every mail of it would meet the same), its mail waits
	 * without spending an attempt, and the server never sees AUTH or MAIL.
	 */
	@Test
	void aLevelWithGeenWhoseWarningWasNeverConfirmedSendsNoPasswordInClearText() throws Exception {
		GreenMail server = TestSmtpServers.smtpWithAuth("smtp@korenbloem.nl", "bakker-geheim");
		try {
			levels.use(bakery, TestSmtpServers.port(server), SmtpSecurity.NONE, "smtp@korenbloem.nl", "bakker-geheim",
					null);
			jdbc.sql("update smtp_settings set plain_text_sign_in_confirmed = false, version = version + 1 "
					+ "where employer_id = :id").param("id", bakery.getId()).update();

			MailId id = mailService.send(OutgoingMail.toEmployee(bakery.getCode(), recipient("werknemer"),
					"Loonstrook", "Tekst"));

			await(DELIVERY, "the level stopped", () -> "STALLED".equals(report(id).waitingFor()));
			assertThat(report(id).status()).isEqualTo(MailStatus.QUEUED);
			assertThat(report(id).attempts()).isZero();
			assertThat(sendingStops.of("EMPLOYER", bakery.getId())).get()
				.satisfies(stop -> assertThat(stop.reasonKey()).isEqualTo("smtp.failure.PLAIN_TEXT_SIGN_IN"))
				.satisfies(stop -> assertThat(stop.reply()).contains("without TLS"));
			assertThat(server.getReceivedMessages()).isEmpty();
		}
		finally {
			server.stop();
		}
	}

	private void awaitSent(MailId id) {
		await(DELIVERY, "mail " + id + " is SENT", () -> report(id).status() == MailStatus.SENT);
	}

	private MailReport report(MailId id) {
		return mailService.find(id).orElseThrow();
	}

	static MimeMessage awaitOne(GreenMail server, String to) {
		await(DELIVERY, "a mail to " + to + " arrived", () -> received(server, to).size() == 1);
		return received(server, to).get(0);
	}

	private static List<MimeMessage> received(GreenMail server, String to) {
		return Arrays.stream(server.getReceivedMessages()).filter(message -> {
			try {
				Address[] recipients = message.getRecipients(MimeMessage.RecipientType.TO);
				return recipients != null && ((InternetAddress) recipients[0]).getAddress().equals(to);
			}
			catch (MessagingException ex) {
				return false;
			}
		}).toList();
	}

	static void assertFrom(MimeMessage message, String address, String displayName) throws MessagingException {
		InternetAddress from = (InternetAddress) message.getFrom()[0];
		assertThat(from.getAddress()).isEqualTo(address);
		assertThat(from.getPersonal()).isEqualTo(displayName);
	}

	private static String replyTo(MimeMessage message) throws MessagingException {
		assertThat(message.getHeader("Reply-To")).hasSize(1);
		return ((InternetAddress) message.getReplyTo()[0]).getAddress();
	}

	private static List<String> attachmentNames(MimeMessage message) throws Exception {
		List<String> names = new ArrayList<>();
		Multipart multipart = (Multipart) message.getContent();
		for (int i = 0; i < multipart.getCount(); i++) {
			if (multipart.getBodyPart(i).getFileName() != null) {
				names.add(multipart.getBodyPart(i).getFileName());
			}
		}
		return names;
	}

}
