package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.mail.MailFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;

import org.jasypt.encryption.StringEncryptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import loopback.oauth2.LoopbackAuthorizationServer;
import loopback.oauth2.LoopbackAuthorizationServer.MicrosoftApp;
import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.testsupport.LoopbackOAuth2;
import nl.salaronline.testsupport.XOAuth2SmtpServer.Received;
import nl.salaronline.testsupport.XOAuth2SmtpServer.SignIn;

/**
 * Mail through the outbox for a level that signs in with OAuth2 (SPEC section 9): handed to {@link MailService}, sent
 * by the worker with {@code AUTH XOAUTH2} against the authorization server and XOAUTH2 SMTP server on loopback
 * ({@link OAuth2Servers}), the token cached per level, a refused token fetched again once.
 */
@MailTest
class MailOAuth2DeliveryTests {

	private static final Duration DELIVERY = Duration.ofSeconds(30);

	private final LoopbackOAuth2 loopback = OAuth2Servers.get();

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

	private MicrosoftApp app;

	private String mailbox;

	@BeforeEach
	void microsoft365Level() {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		levels = new OwnSmtpLevels(jdbc, encryptor);
		Account account = fixtures.account("Kantoor Telder");
		bakery = fixtures.employer(account, "Bakkerij De Korenbloem");
		app = loopback.auth.registerMicrosoftApp("kantoor-" + MailFixtures.unique() + ".onmicrosoft.com",
				Duration.ofHours(1));
		mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		useMicrosoft365();
	}

	@Test
	void microsoft365MailGoesOutWithXoauth2AndTheCachedTokenServesTheNextMails() {
		MailId first = send("Loonstrook januari");
		MailId second = send("Loonstrook februari");
		awaitStatus(first, MailStatus.SENT);
		awaitStatus(second, MailStatus.SENT);
		// saving the settings again makes the worker connect anew: it signs in with the token it has
		useMicrosoft365();
		MailId third = send("Loonstrook maart");
		awaitStatus(third, MailStatus.SENT);

		assertThat(List.of(first, second, third)).allSatisfy(id -> {
			MailReport report = report(id);
			assertThat(report.transport()).isEqualTo(MailTransport.EMPLOYER);
			assertThat(report.from()).contains(bakery.getEmail());
			assertThat(report.attempts()).isEqualTo(1);
			assertThat(report.lastError()).isNull();
		});
		assertThat(receivedBy(mailbox)).extracting(Received::data)
			.anySatisfy(data -> assertThat(data).contains("Subject: Loonstrook januari"))
			.anySatisfy(data -> assertThat(data).contains("Subject: Loonstrook februari"))
			.anySatisfy(data -> assertThat(data).contains("Subject: Loonstrook maart"));
		List<SignIn> signIns = signInsOf(mailbox);
		assertThat(signIns).hasSizeGreaterThanOrEqualTo(2).allSatisfy(signIn -> assertThat(signIn.accepted()).isTrue());
		assertThat(signIns).extracting(SignIn::accessToken).containsOnly(signIns.get(0).accessToken());
		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(1);
	}

	@Test
	void aRevokedCachedTokenIsFetchedAgainOnceAndTheMailStillGoesOut() {
		MailId first = send("Loonstrook januari");
		awaitStatus(first, MailStatus.SENT);
		loopback.auth.revoke(signInsOf(mailbox).get(0).accessToken());
		useMicrosoft365();

		MailId second = send("Loonstrook februari");
		awaitStatus(second, MailStatus.SENT);

		assertThat(report(second).attempts()).isEqualTo(1);
		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(2);
		assertThat(signInsOf(mailbox)).extracting(SignIn::accepted).containsExactly(true, false, true);
		assertThat(receivedBy(mailbox)).extracting(Received::data)
			.anySatisfy(data -> assertThat(data).contains("Subject: Loonstrook februari"));
	}

	@Test
	void aRevokedTokenRefusedAgainAfterOneRefreshStopsTheLevelAndTheMailWaits() {
		MailId first = send("Loonstrook januari");
		awaitStatus(first, MailStatus.SENT);
		// the administrator revoked the token and took the app's access to the mailbox away
		loopback.auth.revoke(signInsOf(mailbox).get(0).accessToken());
		loopback.revokeMailboxAccess(mailbox, app.clientId());
		useMicrosoft365();

		MailId second = send("Loonstrook februari");
		// SPEC section 10: a token refused twice stops the level; the mail waits without spending its attempt
		await(DELIVERY, "the level stopped", () -> "STALLED".equals(report(second).waitingFor()));

		MailReport waiting = report(second);
		assertThat(waiting.status()).isEqualTo(MailStatus.QUEUED);
		assertThat(waiting.attempts()).isZero();
		assertThat(loopback.auth.tokenRequests(app.clientId())).as("one refresh").isEqualTo(2);
		assertThat(signInsOf(mailbox)).as("one retry").extracting(SignIn::accepted).containsExactly(true, false, false);
		assertThat(receivedBy(mailbox)).extracting(Received::data)
			.noneSatisfy(data -> assertThat(data).contains("Subject: Loonstrook februari"));
	}

	/**
	 * SPEC section 11: the token cache is per instance, but keyed by the credentials, so settings saved on another
	 * instance (here: written to the database as that instance's screen does, unseen by this one) reach the next
	 * mail: a new tenant, client and secret make it fetch its own token instead of signing in with the cached one.
	 */
	@Test
	void credentialsChangedOnAnotherInstanceMakeTheNextMailFetchANewToken() {
		MailId first = send("Loonstrook januari");
		awaitStatus(first, MailStatus.SENT);
		MicrosoftApp moved = loopback.auth.registerMicrosoftApp("verhuisd-" + MailFixtures.unique() + ".onmicrosoft.com",
				Duration.ofHours(1));
		loopback.grantMailbox(mailbox, moved.clientId());
		levels.useMicrosoft(bakery, loopback.smtp.port(), mailbox, moved.tenantId(), moved.clientId(),
				moved.clientSecret());

		MailId second = send("Loonstrook februari");
		awaitStatus(second, MailStatus.SENT);

		assertThat(report(second).attempts()).isEqualTo(1);
		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(1);
		assertThat(loopback.auth.tokenRequests(moved.clientId())).as("the next mail fetched a new token").isEqualTo(1);
		List<SignIn> signIns = signInsOf(mailbox);
		assertThat(signIns).extracting(SignIn::accepted).containsOnly(true);
		assertThat(signIns.get(signIns.size() - 1).accessToken()).isNotEqualTo(signIns.get(0).accessToken());
		assertThat(loopback.auth.introspect(signIns.get(signIns.size() - 1).accessToken()).clientId())
			.isEqualTo(moved.clientId());
	}

	@Test
	void googleWorkspaceMailGoesOutAsTheImpersonatedMailbox() {
		String clientEmail = "loonmail-" + MailFixtures.unique() + "@salaronline-test.iam.gserviceaccount.com";
		KeyPair keyPair = LoopbackOAuth2.rsaKeyPair();
		loopback.auth.registerServiceAccount(clientEmail, (RSAPublicKey) keyPair.getPublic(), Duration.ofHours(1),
				LoopbackAuthorizationServer.GOOGLE_SCOPE);
		String googleMailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.auth.addGoogleMailbox(googleMailbox);
		levels.useGoogle(bakery, loopback.smtp.port(), googleMailbox,
				LoopbackOAuth2.serviceAccountKeyJson(clientEmail, keyPair, loopback.auth.googleTokenUri()));

		MailId id = send("Jaaropgave");
		awaitStatus(id, MailStatus.SENT);

		assertThat(report(id).transport()).isEqualTo(MailTransport.EMPLOYER);
		assertThat(report(id).from()).contains(bakery.getEmail());
		assertThat(signInsOf(googleMailbox)).isNotEmpty().allSatisfy(signIn -> assertThat(signIn.accepted()).isTrue());
		assertThat(receivedBy(googleMailbox)).extracting(Received::data)
			.anySatisfy(data -> assertThat(data).contains("Subject: Jaaropgave"));
		assertThat(loopback.auth.tokenRequests(clientEmail)).isEqualTo(1);
	}

	/** Stores the level's settings (again), as the screen saves them: the version goes up. */
	private void useMicrosoft365() {
		levels.useMicrosoft(bakery, loopback.smtp.port(), mailbox, app.tenantId(), app.clientId(), app.clientSecret());
	}

	private MailId send(String subject) {
		return mailService.send(OutgoingMail.toEmployee(bakery.getCode(), recipient("werknemer"), subject,
				"Uw loonstrook staat klaar."));
	}

	private void awaitStatus(MailId id, MailStatus status) {
		await(DELIVERY, "mail " + id + " is " + status, () -> report(id).status() == status);
	}

	private MailReport report(MailId id) {
		return mailService.find(id).orElseThrow();
	}

	private List<SignIn> signInsOf(String mailbox) {
		return loopback.smtp.signIns().stream().filter(signIn -> signIn.mailbox().equals(mailbox)).toList();
	}

	private List<Received> receivedBy(String mailbox) {
		return loopback.smtp.received().stream().filter(mail -> mailbox.equals(mail.signedInAs())).toList();
	}

}
