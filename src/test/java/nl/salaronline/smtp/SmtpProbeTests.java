package nl.salaronline.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.support.ResourceBundleMessageSource;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import nl.salaronline.smtp.ProbeReport.Outcome;
import nl.salaronline.smtp.SmtpFailure.Cause;
import nl.salaronline.smtp.SmtpProbe.TestMail;

/**
 * "Test verbinding" and "Verstuur testmail" against real SMTP servers on loopback (issue 5). Each failure is checked
 * by the Dutch explanation the user reads.
 */
class SmtpProbeTests {

	static final String LEVEL = TestSmtpServer.USERNAME;

	static final ResourceBundleMessageSource MESSAGES = messages();

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(
			ServerSetup.dynamicPort(new ServerSetup[] { ServerSetupTest.SMTP, ServerSetupTest.SMTPS }))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser(LEVEL, LEVEL, TestSmtpServer.PASSWORD))
		.withPerMethodLifecycle(false);

	private final SmtpSockets sockets = new SmtpSockets(TestPolicies::allowAll, TestTls.trust(), Duration.ofSeconds(2));

	private final StagedSmtpProbe probe = new StagedSmtpProbe(sockets, Optional::empty, Duration.ofSeconds(6));

	@AfterEach
	void stop() {
		probe.destroy();
		sockets.destroy();
	}

	@Test
	void successfulProbeShowsEveryStepWithTheServersRepliesAndSendsNothing() {
		try (TestSmtpServer server = TestSmtpServer.startTls("localhost")) {
			ProbeReport report = probe.probe(level("localhost", server.port(), SmtpSecurity.STARTTLS), LEVEL);

			assertThat(report.succeeded()).as("%s", report).isTrue();
			assertThat(report.steps()).extracting(ProbeReport.StepResult::step)
				.containsExactly(SmtpStep.CONNECT, SmtpStep.TLS, SmtpStep.AUTH, SmtpStep.MAIL_FROM, SmtpStep.RCPT_TO,
						SmtpStep.QUIT);
			assertThat(report.steps()).allSatisfy(step -> assertThat(step.outcome()).isEqualTo(Outcome.OK));
			assertThat(report.step(SmtpStep.CONNECT).serverReply()).startsWith("220");
			assertThat(report.step(SmtpStep.CONNECT).detail()).contains("127.0.0.1");
			assertThat(report.step(SmtpStep.TLS).serverReply()).startsWith("220");
			assertThat(report.step(SmtpStep.TLS).detail()).startsWith("TLSv1.");
			assertThat(report.step(SmtpStep.AUTH).serverReply()).startsWith("235");
			assertThat(report.step(SmtpStep.MAIL_FROM).serverReply()).startsWith("250");
			assertThat(report.step(SmtpStep.RCPT_TO).serverReply()).startsWith("250");
			assertThat(report.step(SmtpStep.QUIT).serverReply()).contains("221");
			assertThat(report.certificate().subject()).isEqualTo("CN=localhost");
			assertThat(server.received).as("a probe sends no mail").isEmpty();
		}
	}

	@Test
	void testMailArrivesWithTheSameStepReport() {
		try (TestSmtpServer server = TestSmtpServer.startTls("localhost")) {
			ProbeReport report = probe.sendTestMail(level("localhost", server.port(), SmtpSecurity.STARTTLS), LEVEL,
					new TestMail("boekhouding@example.nl", "Testmail van SalarOnline", "Uw instellingen werken."));

			assertThat(report.succeeded()).as("%s", report).isTrue();
			assertThat(report.step(SmtpStep.DATA).outcome()).isEqualTo(Outcome.OK);
			assertThat(report.step(SmtpStep.DATA).serverReply()).startsWith("250");
			assertThat(server.received).singleElement().satisfies(received -> {
				assertThat(received.from()).isEqualTo(LEVEL);
				assertThat(received.to()).containsExactly("boekhouding@example.nl");
				assertThat(received.data()).contains("Subject: Testmail van SalarOnline")
					.contains("Uw instellingen werken.");
			});
		}
	}

	@Test
	void wrongPasswordIsExplainedInDutch() {
		ProbeReport report = probe.probe(level("127.0.0.1", greenMail.getSmtp().getPort(), SmtpSecurity.NONE,
				"verkeerd-wachtwoord"), LEVEL);

		assertFailedAt(report, SmtpStep.AUTH, Cause.AUTHENTICATION_FAILED);
		assertThat(report.step(SmtpStep.AUTH).serverReply()).startsWith("535").doesNotContain("verkeerd");
		assertThat(report.step(SmtpStep.TLS).outcome()).isEqualTo(Outcome.SKIPPED);
		assertThat(report.step(SmtpStep.MAIL_FROM).outcome()).isEqualTo(Outcome.SKIPPED);
		assertThat(report.step(SmtpStep.QUIT).outcome()).isEqualTo(Outcome.OK);
		assertThat(dutch(report)).contains("weigert de gebruikersnaam of het wachtwoord");
	}

	@Test
	void basicAuthenticationSwitchedOffByMicrosoftIsExplainedInDutch() throws IOException {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(command -> command.startsWith("AUTH PLAIN")
				? "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [AM0PR01CA0001]"
				: null)) {
			ProbeReport report = probe.probe(level("127.0.0.1", server.port(), SmtpSecurity.NONE), LEVEL);

			assertFailedAt(report, SmtpStep.AUTH, Cause.BASIC_AUTH_DISABLED);
			assertThat(report.step(SmtpStep.AUTH).serverReply()).startsWith("535 5.7.139");
			assertThat(dutch(report)).contains("app-wachtwoord").contains("SMTP AUTH");
		}
	}

	@Test
	void aServerEchoingWhatWeSentNeverGetsThePasswordOntoTheScreen() throws IOException {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(command -> command.startsWith("AUTH PLAIN ")
				? "535 5.7.8 Cannot accept " + command.substring("AUTH PLAIN ".length()) : null)) {
			ProbeReport report = probe.probe(level("127.0.0.1", server.port(), SmtpSecurity.NONE), LEVEL);

			assertFailedAt(report, SmtpStep.AUTH, Cause.AUTHENTICATION_FAILED);
			assertThat(report.step(SmtpStep.AUTH).serverReply()).isEqualTo("535 5.7.8 Cannot accept ***");
		}
	}

	@Test
	void recipientRefusedIsExplainedInDutch() throws IOException {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(command -> command.startsWith("RCPT TO")
				? "550 5.1.1 <boekhouding@example.nl>: Recipient address rejected: User unknown" : null)) {
			ProbeReport report = probe.sendTestMail(level("127.0.0.1", server.port(), SmtpSecurity.NONE), LEVEL,
					new TestMail("boekhouding@example.nl", "Test", "Test"));

			assertFailedAt(report, SmtpStep.RCPT_TO, Cause.RECIPIENT_REJECTED);
			assertThat(dutch(report)).contains("weigert het adres van de ontvanger");
		}
	}

	@Test
	void temporaryRefusalIsExplainedInDutch() throws IOException {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(command -> command.startsWith("MAIL FROM")
				? "451 4.7.1 Try again later" : null)) {
			ProbeReport report = probe.probe(level("127.0.0.1", server.port(), SmtpSecurity.NONE), LEVEL);

			assertFailedAt(report, SmtpStep.MAIL_FROM, Cause.SERVER_BUSY);
			assertThat(report.failure().isTransient()).isTrue();
			assertThat(dutch(report)).contains("tijdelijk niet verwerken");
		}
	}

	@Test
	void serverRequiringStartTlsWhileGeenIsChosenIsExplainedInDutch() {
		try (TestSmtpServer server = TestSmtpServer.startTls("localhost")) {
			ProbeReport report = probe.probe(level("localhost", server.port(), SmtpSecurity.NONE), LEVEL);

			assertThat(report.succeeded()).isFalse();
			assertThat(report.failure().cause()).isEqualTo(Cause.STARTTLS_REQUIRED);
			assertThat(report.steps()).filteredOn(step -> step.outcome() == Outcome.FAILED).first()
				.satisfies(step -> assertThat(step.serverReply()).startsWith("530"));
			assertThat(dutch(report)).contains("Kies bij Gebruik Beveiliging voor STARTTLS");
		}
	}

	@Test
	void serverRejectingTheSenderAddressIsExplainedInDutch() {
		try (TestSmtpServer server = TestSmtpServer.start(builder -> builder)
			.rejectSender("553 5.7.1 <salaris@korenbloem.nl>: Sender address rejected: not owned by user x")) {
			ProbeReport report = probe.probe(level("localhost", server.port(), SmtpSecurity.NONE), LEVEL);

			assertFailedAt(report, SmtpStep.MAIL_FROM, Cause.SENDER_NOT_ALLOWED);
			assertThat(report.step(SmtpStep.MAIL_FROM).serverReply()).startsWith("553 5.7.1");
			assertThat(report.step(SmtpStep.AUTH).outcome()).isEqualTo(Outcome.OK);
			assertThat(dutch(report)).contains("staat niet toe dat deze mailbox verstuurt vanaf het e-mailadres");
		}
	}

	@Test
	void sendAsDeniedAfterTheTestMailIsExplainedInDutch() {
		try (TestSmtpServer server = TestSmtpServer.start(builder -> builder)
			.rejectData("550 5.7.60 SMTP; Client does not have permissions to send as this sender")) {
			ProbeReport report = probe.sendTestMail(level("localhost", server.port(), SmtpSecurity.NONE), LEVEL,
					new TestMail("boekhouding@example.nl", "Test", "Test"));

			assertFailedAt(report, SmtpStep.DATA, Cause.SENDER_NOT_ALLOWED);
			assertThat(dutch(report)).contains("SendAsDenied");
		}
	}

	@Test
	void selfSignedCertificateIsShownThenPinnedThenProbeAndRealSendPass() throws Exception {
		try (TestSmtpServer server = TestSmtpServer.startTls("self-signed")) {
			SmtpServer level = level("localhost", server.port(), SmtpSecurity.STARTTLS);

			ProbeReport untrusted = probe.probe(level, LEVEL);

			assertFailedAt(untrusted, SmtpStep.TLS, Cause.CERTIFICATE_UNTRUSTED);
			assertThat(untrusted.offersPinning()).isTrue();
			PresentedCertificate shown = untrusted.certificate();
			assertThat(shown.subject()).contains("CN=localhost").contains("O=Zelf ondertekend");
			assertThat(shown.issuer()).isEqualTo(shown.subject());
			assertThat(shown.sha256()).isEqualTo(PresentedCertificate.sha256Of(TestTls.certificate("self-signed")))
				.matches("[0-9a-f]{64}");
			assertThat(shown.sha256ForDisplay()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
			assertThat(dutch(untrusted)).contains("niet ondertekend door een erkende uitgever");

			SmtpServer pinned = SmtpConnectionsTests.pinned(level, shown.sha256());
			ProbeReport trusted = probe.probe(pinned, LEVEL);
			assertThat(trusted.succeeded()).as("%s", trusted).isTrue();

			AngusSmtpConnections sender = new AngusSmtpConnections(sockets, Optional::empty);
			SmtpConnectionsTests.send(sender, pinned, "werknemer@example.nl", "Loonstrook");
			assertThat(server.received).hasSize(1);
		}
	}

	@Test
	void implicitTlsWithGreenMailsSelfSignedCertificatePassesOncePinned() {
		SmtpServer level = level("localhost", greenMail.getSmtps().getPort(), SmtpSecurity.SSL_TLS);

		ProbeReport untrusted = probe.probe(level, LEVEL);
		assertFailedAt(untrusted, SmtpStep.TLS, Cause.CERTIFICATE_UNTRUSTED);
		assertThat(untrusted.step(SmtpStep.CONNECT).outcome()).isEqualTo(Outcome.OK);

		ProbeReport trusted = probe.probe(SmtpConnectionsTests.pinned(level, untrusted.certificate().sha256()), LEVEL);
		assertThat(trusted.succeeded()).as("%s", trusted).isTrue();
		assertThat(trusted.step(SmtpStep.TLS).serverReply()).startsWith("220");
	}

	@Test
	void certificateForAnotherNameIsExplainedInDutch() {
		try (TestSmtpServer server = TestSmtpServer.startTls("wrong-name")) {
			ProbeReport report = probe.probe(level("localhost", server.port(), SmtpSecurity.STARTTLS), LEVEL);

			assertFailedAt(report, SmtpStep.TLS, Cause.CERTIFICATE_HOST_MISMATCH);
			assertThat(report.offersPinning()).isTrue();
			assertThat(report.certificate().names()).containsExactly("mail.elders.test");
			assertThat(dutch(report)).contains("hoort bij een andere naam");
		}
	}

	@Test
	void closedPortIsExplainedInDutch() throws IOException {
		ProbeReport report = probe.probe(level("127.0.0.1", SmtpConnectionsTests.closedPort(), SmtpSecurity.NONE),
				LEVEL);

		assertFailedAt(report, SmtpStep.CONNECT, Cause.CONNECTION_REFUSED);
		assertThat(report.step(SmtpStep.QUIT).outcome()).isEqualTo(Outcome.SKIPPED);
		assertThat(dutch(report)).contains("weigert de verbinding op deze poort");
	}

	@Test
	void socketThatAcceptsAndNeverAnswersTimesOutWithinTheBound() throws IOException {
		SmtpSockets quick = new SmtpSockets(TestPolicies::allowAll, TestTls.trust(), Duration.ofSeconds(1));
		StagedSmtpProbe bounded = new StagedSmtpProbe(quick, Optional::empty, Duration.ofSeconds(3));
		try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
			long started = System.nanoTime();
			ProbeReport report = bounded.probe(level("127.0.0.1", silent.getLocalPort(), SmtpSecurity.NONE), LEVEL);
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertFailedAt(report, SmtpStep.CONNECT, Cause.TIMEOUT);
			assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(3).plusMillis(500));
			assertThat(dutch(report)).contains("gaf niet op tijd antwoord");
		}
		finally {
			bounded.destroy();
			quick.destroy();
		}
	}

	@Test
	void serverThatTricklesItsGreetingIsCutOffAtTheDeadline() throws IOException {
		StagedSmtpProbe bounded = new StagedSmtpProbe(sockets, Optional::empty, Duration.ofSeconds(2));
		try (ScriptedSmtpServer trickling = ScriptedSmtpServer.trickling()) {
			long started = System.nanoTime();
			ProbeReport report = bounded.probe(level("127.0.0.1", trickling.port(), SmtpSecurity.NONE), LEVEL);
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertFailedAt(report, SmtpStep.CONNECT, Cause.TIMEOUT);
			assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(2).plusMillis(500));
		}
		finally {
			bounded.destroy();
		}
	}

	@Test
	void aProbeThatCannotStartIsAFailureNotASuccess() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			SmtpServer level = level("127.0.0.1", silent.getLocalPort(), SmtpSecurity.NONE);
			ExecutorService users = Executors.newFixedThreadPool(9);
			try {
				List<Future<ProbeReport>> running = new ArrayList<>();
				for (int i = 0; i < 9; i++) {
					running.add(users.submit(() -> probe.probe(level, LEVEL)));
				}
				List<ProbeReport> reports = new ArrayList<>();
				for (Future<ProbeReport> report : running) {
					reports.add(report.get());
				}

				assertThat(reports).allSatisfy(report -> assertThat(report.succeeded()).isFalse());
				assertThat(reports).anySatisfy(report -> assertThat(report.failure().serverReply())
					.contains("Too many tests"));
			}
			finally {
				users.shutdownNow();
			}
		}
	}

	@Test
	void unknownHostIsExplainedInDutch() {
		ProbeReport report = probe.probe(level("nonexistent.invalid", 587, SmtpSecurity.STARTTLS), LEVEL);

		assertFailedAt(report, SmtpStep.CONNECT, Cause.UNKNOWN_HOST);
		assertThat(dutch(report)).contains("Het serveradres is niet gevonden");
	}

	@Test
	void tlsOnAPlainPortIsExplainedInDutch() {
		ProbeReport report = probe.probe(level("localhost", greenMail.getSmtp().getPort(), SmtpSecurity.SSL_TLS),
				LEVEL);

		assertFailedAt(report, SmtpStep.TLS, Cause.TLS_ON_PLAIN_PORT);
		assertThat(dutch(report)).contains("U koos SSL/TLS, maar deze poort verwacht eerst een onbeveiligde");
	}

	@Test
	void plainTextOnATlsPortIsExplainedInDutch() {
		SmtpSockets quick = new SmtpSockets(TestPolicies::allowAll, TestTls.trust(), Duration.ofSeconds(1));
		StagedSmtpProbe bounded = new StagedSmtpProbe(quick, Optional::empty, Duration.ofSeconds(4));
		try {
			ProbeReport report = bounded.probe(level("localhost", greenMail.getSmtps().getPort(),
					SmtpSecurity.STARTTLS), LEVEL);

			assertFailedAt(report, SmtpStep.CONNECT, Cause.PLAIN_ON_TLS_PORT);
			assertThat(dutch(report)).contains("verwacht direct een beveiligde verbinding (SSL/TLS)");
		}
		finally {
			bounded.destroy();
			quick.destroy();
		}
	}

	@Test
	void startTlsNotOfferedIsExplainedInDutchAndNothingIsSentUnencrypted() {
		try (TestSmtpServer server = TestSmtpServer.start(builder -> builder)) {
			ProbeReport report = probe.probe(level("localhost", server.port(), SmtpSecurity.STARTTLS), LEVEL);

			assertFailedAt(report, SmtpStep.TLS, Cause.STARTTLS_NOT_OFFERED);
			assertThat(report.step(SmtpStep.AUTH).outcome()).isEqualTo(Outcome.SKIPPED);
			assertThat(dutch(report)).contains("biedt op deze poort geen STARTTLS aan");
		}
	}

	@Test
	void hostThatResolvesToAPrivateAddressIsRefusedBeforeConnecting() {
		SmtpSockets strict = new SmtpSockets(TestPolicies::publicOnly, TestTls.trust(), Duration.ofSeconds(2));
		StagedSmtpProbe guarded = new StagedSmtpProbe(strict, Optional::empty, Duration.ofSeconds(5));
		try {
			ProbeReport report = guarded.probe(level("localhost", greenMail.getSmtp().getPort(), SmtpSecurity.NONE),
					LEVEL);

			assertFailedAt(report, SmtpStep.CONNECT, Cause.HOST_NOT_ALLOWED);
			assertThat(dutch(report)).contains("intern of lokaal netwerkadres");
		}
		finally {
			guarded.destroy();
			strict.destroy();
		}
	}

	@Test
	void oauth2WithoutATokenServiceFailsAtTheTokenStepAndSaysWhy() {
		SmtpServer level = new SmtpServer("127.0.0.1", greenMail.getSmtp().getPort(), SmtpSecurity.NONE, LEVEL,
				new SmtpCredentials.MicrosoftOAuth2("tenant", "client", "clientgeheim"), null, true);

		ProbeReport report = probe.probe(level, LEVEL);

		assertFailedAt(report, SmtpStep.TOKEN, Cause.OAUTH2_TOKEN_FAILED);
		assertThat(report.step(SmtpStep.AUTH).outcome()).isEqualTo(Outcome.SKIPPED);
		assertThat(report.step(SmtpStep.QUIT).outcome()).isEqualTo(Outcome.OK);
		assertThat(dutch(report)).contains("geen toegangstoken");
	}

	@Test
	void everyFailureStepAndOutcomeHasADutchAndAnEnglishText() {
		for (Cause cause : Cause.values()) {
			String key = SmtpFailure.permanent(cause, "").messageKey();
			assertThat(MESSAGES.getMessage(key, null, Locale.forLanguageTag("nl"))).as(key).isNotBlank()
				.isNotEqualTo(MESSAGES.getMessage(key, null, Locale.ENGLISH));
		}
		for (SmtpStep step : SmtpStep.values()) {
			assertThat(MESSAGES.getMessage(step.messageKey(), null, Locale.forLanguageTag("nl"))).isNotBlank();
		}
		for (Outcome outcome : Outcome.values()) {
			assertThat(MESSAGES.getMessage(outcome.messageKey(), null, Locale.forLanguageTag("nl"))).isNotBlank();
		}
	}

	static SmtpServer level(String host, int port, SmtpSecurity security) {
		return level(host, port, security, TestSmtpServer.PASSWORD);
	}

	static SmtpServer level(String host, int port, SmtpSecurity security, String password) {
		// "Geen" as a level saves it: chosen with its warning confirmed
		return new SmtpServer(host, port, security, LEVEL, new SmtpCredentials.Password(password), null,
				security == SmtpSecurity.NONE);
	}

	static void assertFailedAt(ProbeReport report, SmtpStep step, Cause cause) {
		assertThat(report.succeeded()).as("%s", report).isFalse();
		assertThat(report.failure().cause()).as("%s", report).isEqualTo(cause);
		assertThat(report.step(step).outcome()).as("%s", report).isEqualTo(Outcome.FAILED);
		assertThat(report.step(step).failure().cause()).isEqualTo(cause);
		report.steps().stream().dropWhile(result -> result.step() != step).skip(1)
			.filter(result -> result.step() != SmtpStep.QUIT)
			.forEach(result -> assertThat(result.outcome()).as("%s after the failure", result.step())
				.isEqualTo(Outcome.SKIPPED));
	}

	/** The explanation the user reads, as the screens resolve it. */
	static String dutch(ProbeReport report) {
		return MESSAGES.getMessage(report.failure().messageKey(), null, Locale.forLanguageTag("nl"));
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
