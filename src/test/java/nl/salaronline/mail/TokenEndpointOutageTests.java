package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.mail.MailFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.jasypt.encryption.StringEncryptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import loopback.oauth2.LoopbackAuthorizationServer.MicrosoftApp;
import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtpsettings.SendingStops;
import nl.salaronline.testsupport.LoopbackOAuth2;
import nl.salaronline.testsupport.XOAuth2SmtpServer.Received;

/**
 * A Microsoft 365 level whose token endpoint answers 404 (as Microsoft's does to a request it cannot read) has not had
 * its credentials judged, but every mail of the level would meet the same answer: the level stops and its mails wait
 * without spending attempts, never FAILED; once the endpoint answers again, the worker's own retry of the stopped
 * level (every 2 s in this context) sends them.
 */
@LimitsTest
class TokenEndpointOutageTests {

	private static final Duration DELIVERY = Duration.ofSeconds(30);

	private final LoopbackOAuth2 loopback = OAuth2Servers.get();

	@Autowired
	private MailService mailService;

	@Autowired
	private SendingStops sendingStops;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private StringEncryptor encryptor;

	@Test
	void whileTheTokenEndpointAnswers404TheLevelWaitsAndItsMailGoesOutWhenItAnswersAgain() {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor Telder");
		Employer bakery = fixtures.employer(account, "Bakkerij De Korenbloem");
		MicrosoftApp app = loopback.auth.registerMicrosoftApp("kantoor-" + MailFixtures.unique() + ".onmicrosoft.com",
				Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		new OwnSmtpLevels(jdbc, encryptor).useMicrosoft(bakery, loopback.smtp.port(), mailbox, app.tenantId(),
				app.clientId(), app.clientSecret());
		loopback.auth.failMicrosoftTokenRequests(app.tenantId(), Integer.MAX_VALUE, 404, "text/html",
				"<h2>Not Found</h2>");

		MailId id = mailService.send(OutgoingMail.toEmployee(bakery.getCode(), recipient("werknemer"),
				"Loonstrook april", "Uw loonstrook staat klaar."));
		await(DELIVERY, "the level stopped", () -> "STALLED".equals(report(id).waitingFor()));
		MailReport waiting = report(id);
		assertThat(waiting.status()).isEqualTo(MailStatus.QUEUED);
		assertThat(waiting.attempts()).isZero();
		assertThat(sendingStops.of("EMPLOYER", bakery.getId())).get()
			.satisfies(stop -> assertThat(stop.reply()).isEqualTo("HTTP 404 Not Found (text/html)"));

		loopback.auth.endMicrosoftOutage(app.tenantId());
		await(DELIVERY, "mail " + id + " is SENT", () -> report(id).status() == MailStatus.SENT);

		assertThat(report(id).attempts()).isEqualTo(1);
		assertThat(sendingStops.of("EMPLOYER", bakery.getId())).isEmpty();
		assertThat(loopback.smtp.received()).filteredOn(mail -> mailbox.equals(mail.signedInAs()))
			.extracting(Received::data)
			.anySatisfy(data -> assertThat(data).contains("Subject: Loonstrook april"));
		assertThat(loopback.smtp.signIns()).filteredOn(signIn -> signIn.mailbox().equals(mailbox))
			.isNotEmpty()
			.allSatisfy(signIn -> assertThat(signIn.accepted()).isTrue());
	}

	private MailReport report(MailId id) {
		return mailService.find(id).orElseThrow();
	}

}
