package nl.salaronline.smtp.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Locale;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import loopback.oauth2.LoopbackAuthorizationServer.MicrosoftApp;
import nl.salaronline.smtp.ProbeReport;
import nl.salaronline.smtp.ProbeReport.Outcome;
import nl.salaronline.smtp.SmtpAccessTokens;
import nl.salaronline.smtp.SmtpConnections;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpFailure;
import nl.salaronline.smtp.SmtpOAuth2Problem;
import nl.salaronline.smtp.SmtpProbe;
import nl.salaronline.smtp.SmtpServer;
import nl.salaronline.smtp.SmtpStep;
import nl.salaronline.testsupport.LoopbackOAuth2;

/**
 * The application's SMTP client signing in with OAuth2 ({@code salaronline.mail.oauth2.*} pointing at the loopback
 * authorization server): "Test verbinding" shows the token step before AUTH, and a sender whose cached token was
 * revoked fetches a new one once.
 */
@SpringBootTest
class OAuth2SignInTests {

	private static final LoopbackOAuth2 loopback = new LoopbackOAuth2();

	@DynamicPropertySource
	static void tokenEndpoints(DynamicPropertyRegistry registry) {
		registry.add("salaronline.mail.oauth2.microsoft.token-uri", loopback.auth::microsoftTokenUri);
		registry.add("salaronline.mail.oauth2.google.token-uri", loopback.auth::googleTokenUri);
	}

	@AfterAll
	static void stop() {
		loopback.close();
	}

	@Autowired
	SmtpAccessTokens tokens;

	@Autowired
	SmtpConnections connections;

	@Autowired
	SmtpProbe probe;

	@Autowired
	OAuth2Properties properties;

	@Autowired
	MessageSource messages;

	@Test
	void testVerbindingFetchesTheTokenBeforeSigningIn() {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp("contoso.onmicrosoft.com", Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());

		ProbeReport report = probe.probe(loopback.server(mailbox, credentials(app)), mailbox);

		assertThat(report.succeeded()).as("%s", report).isTrue();
		assertThat(report.steps()).extracting(ProbeReport.StepResult::step)
			.containsSubsequence(SmtpStep.TLS, SmtpStep.TOKEN, SmtpStep.AUTH);
		assertThat(report.step(SmtpStep.TOKEN).outcome()).isEqualTo(Outcome.OK);
		assertThat(report.step(SmtpStep.AUTH).detail()).isEqualTo("XOAUTH2");
		assertThat(loopback.smtp.signIns()).anySatisfy(signIn -> {
			assertThat(signIn.mailbox()).isEqualTo(mailbox);
			assertThat(signIn.accepted()).isTrue();
		});
		assertThat(report.toString()).doesNotContain(app.clientSecret());
	}

	@Test
	void testVerbindingExplainsAWrongClientSecretWithTheProvidersCode() {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp("contoso.onmicrosoft.com", Duration.ofHours(1));
		String wrongSecret = "verkeerd-" + app.clientSecret();
		SmtpServer server = loopback.server(LoopbackOAuth2.uniqueMailbox(),
				new SmtpCredentials.MicrosoftOAuth2(app.tenantId(), app.clientId(), wrongSecret));

		ProbeReport report = probe.probe(server, server.username());

		ProbeReport.StepResult token = report.step(SmtpStep.TOKEN);
		assertThat(token.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(token.serverReply()).isEqualTo("AADSTS7000215");
		assertThat(token.failure().oauth2Problem()).isEqualTo(SmtpOAuth2Problem.WRONG_CLIENT_SECRET);
		assertThat(dutch(token.failure())).contains("clientgeheim klopt niet");
		assertThat(report.step(SmtpStep.AUTH).outcome()).isEqualTo(Outcome.SKIPPED);
		assertThat(report.toString()).doesNotContain(wrongSecret);
	}

	@Test
	void testVerbindingExplainsATokenEndpointThatAnswers404AtTheTokenStep() {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp("kantoor-404.onmicrosoft.com", Duration.ofHours(1));
		loopback.auth.failMicrosoftTokenRequests(app.tenantId(), 1, 404, "text/html", "<h2>Not Found</h2>");
		SmtpServer server = loopback.server(LoopbackOAuth2.uniqueMailbox(), credentials(app));

		ProbeReport report = probe.probe(server, server.username());

		ProbeReport.StepResult token = report.step(SmtpStep.TOKEN);
		assertThat(token.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(token.serverReply()).isEqualTo("HTTP 404 Not Found (text/html)");
		assertThat(token.failure().oauth2Problem()).isEqualTo(SmtpOAuth2Problem.TOKEN_ENDPOINT_FAULT);
		assertThat(token.failure().isTransient()).isTrue();
		assertThat(dutch(token.failure())).startsWith("Het token-adres van Microsoft antwoordde 404 in plaats van een "
				+ "token.");
		assertThat(report.step(SmtpStep.AUTH).outcome()).isEqualTo(Outcome.SKIPPED);
	}

	@Test
	void aTokenEndpointFaultWhileSendingIsTransient() {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp("kantoor-503.onmicrosoft.com", Duration.ofHours(1));
		loopback.auth.failMicrosoftTokenRequests(app.tenantId(), 1, 503, "text/html", "Service Unavailable");
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		SmtpServer server = loopback.server(mailbox, credentials(app));

		MessagingException failed = catchThrowableOfType(MessagingException.class, () -> send(server, "Storing"));

		SmtpFailure failure = SmtpFailure.of(failed);
		assertThat(failure.isTransient()).isTrue();
		assertThat(failure.cause()).isEqualTo(SmtpFailure.Cause.OAUTH2_TOKEN_FAILED);
		assertThat(failure.oauth2Problem()).isEqualTo(SmtpOAuth2Problem.TOKEN_ENDPOINT_FAULT);
		assertThat(failure.serverReply()).isEqualTo("HTTP 503 Service Unavailable (text/html)");
		assertThat(dutch(failure)).startsWith("Het token-adres van Microsoft antwoordde 503");
	}

	@Test
	void testVerbindingExplainsSmtpAuthDisabledForTheMailbox() {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp("contoso.onmicrosoft.com", Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		loopback.disableSmtpAuth(mailbox);

		ProbeReport report = probe.probe(loopback.server(mailbox, credentials(app)), mailbox);

		ProbeReport.StepResult auth = report.step(SmtpStep.AUTH);
		assertThat(auth.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(auth.serverReply()).startsWith("535 5.7.139");
		assertThat(auth.failure().oauth2Problem()).isEqualTo(SmtpOAuth2Problem.SMTP_AUTH_DISABLED);
		assertThat(dutch(auth.failure())).contains("SMTP AUTH staat uit voor deze mailbox");
	}

	@Test
	void aRevokedCachedTokenIsFetchedAgainOnceAndTheMailGoesOut() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp("contoso.onmicrosoft.com", Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		SmtpServer server = loopback.server(mailbox, credentials(app));
		loopback.auth.revoke(tokens.accessToken(server));

		send(server, "Na het intrekken");

		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(2);
		assertThat(loopback.smtp.received()).anySatisfy(mail -> assertThat(mail.signedInAs()).isEqualTo(mailbox));
	}

	@Test
	void aTokenRefusedTwiceFailsAfterOneRefreshWithTheServersReply() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp("contoso.onmicrosoft.com", Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		// the app was never given access to the mailbox: every token is refused
		SmtpServer server = loopback.server(mailbox, credentials(app));
		tokens.accessToken(server);

		MessagingException refused = catchThrowableOfType(MessagingException.class, () -> send(server, "Geweigerd"));

		SmtpFailure failure = SmtpFailure.of(refused);
		assertThat(failure.isTransient()).isFalse();
		assertThat(failure.cause()).isEqualTo(SmtpFailure.Cause.AUTHENTICATION_FAILED);
		assertThat(failure.serverReply()).startsWith(LoopbackOAuth2.EXCHANGE_REFUSAL);
		assertThat(failure.oauth2Problem()).isEqualTo(SmtpOAuth2Problem.APP_NOT_ALLOWED);
		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(2);
		assertThat(loopback.smtp.signIns()).filteredOn(signIn -> signIn.mailbox().equals(mailbox)).hasSize(2);
	}

	@Test
	void unsetPropertiesHaveTheDocumentedDefaults() {
		assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.refreshMargin()).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.microsoft().scope()).isEqualTo("https://outlook.office365.com/.default");
		assertThat(properties.google().scope()).isEqualTo("https://mail.google.com/");
	}

	private void send(SmtpServer server, String subject) throws MessagingException {
		try (Transport transport = connections.connect(server)) {
			MimeMessage message = new MimeMessage(connections.session(server));
			message.setFrom(new InternetAddress(server.username()));
			message.setRecipient(Message.RecipientType.TO, new InternetAddress("werknemer@example.nl"));
			message.setSubject(subject);
			message.setText("Uw loonstrook staat klaar.");
			transport.sendMessage(message, message.getAllRecipients());
		}
	}

	private String dutch(SmtpFailure failure) {
		return messages.getMessage(failure.messageKey(), failure.messageArguments().toArray(),
				Locale.forLanguageTag("nl"));
	}

	private static SmtpCredentials credentials(MicrosoftApp app) {
		return new SmtpCredentials.MicrosoftOAuth2(app.tenantId(), app.clientId(), app.clientSecret());
	}

}
