package nl.salaronline.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.MessagingException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.salaronline.smtp.ProbeReport.Outcome;
import nl.salaronline.smtp.SmtpFailure.Cause;

/**
 * Issue 16, point 4: a secret never crosses the network unencrypted unless the level chose "Geen" and confirmed the
 * warning; and "Test verbinding" against a server that asks for no sign-in says the credentials were not checked.
 * Real SMTP conversations with a scripted server on loopback that records every command it receives.
 */
class PlainTextSignInTests {

	/** What a plain-text AUTH PLAIN or AUTH LOGIN would carry: the password in base64. */
	static final String PASSWORD_BASE64 = Secrets.base64(TestSmtpServer.PASSWORD);

	private final SmtpSockets sockets = new SmtpSockets(TestPolicies::allowAll, TestTls.trust(), Duration.ofSeconds(2));

	private final AngusSmtpConnections connections = new AngusSmtpConnections(sockets, Optional::empty);

	private final StagedSmtpProbe probe = new StagedSmtpProbe(sockets, Optional::empty, Duration.ofSeconds(6));

	@AfterEach
	void stop() {
		probe.destroy();
		sockets.destroy();
	}

	@Test
	void theSenderDoesNotSignInWithoutTlsUnlessGeenWasConfirmed() throws Exception {
		try (ScriptedSmtpServer server = offeringAuth()) {
			MessagingException refused = catchThrowableOfType(MessagingException.class,
					() -> SmtpConnectionsTests.send(connections, level(server, false), "werknemer@example.nl",
							"Loonstrook"));

			assertThat(refused).isNotNull();
			SmtpFailure failure = SmtpFailure.of(refused);
			assertThat(failure.cause()).isEqualTo(Cause.PLAIN_TEXT_SIGN_IN);
			assertThat(failure.kind()).isEqualTo(SmtpFailure.Kind.PERMANENT);
			assertThat(server.commands).as("EHLO only, then QUIT").noneMatch(command -> command.startsWith("AUTH")
					|| command.startsWith("MAIL") || command.contains(PASSWORD_BASE64));
		}
	}

	@Test
	void aConfirmedGeenSignsInAsBefore() throws Exception {
		try (ScriptedSmtpServer server = offeringAuth()) {
			SmtpConnectionsTests.send(connections, level(server, true), "werknemer@example.nl", "Loonstrook");

			assertThat(server.commands).anyMatch(command -> command.startsWith("AUTH"))
				.anyMatch(command -> command.startsWith("DATA"));
		}
	}

	@Test
	void aServerThatAsksForNoSignInGetsTheMailWithoutTheSecret() throws Exception {
		try (ScriptedSmtpServer server = withoutAuth()) {
			SmtpConnectionsTests.send(connections, level(server, false), "werknemer@example.nl", "Loonstrook");

			assertThat(server.commands).anyMatch(command -> command.startsWith("DATA"))
				.noneMatch(command -> command.startsWith("AUTH") || command.contains(PASSWORD_BASE64));
		}
	}

	@Test
	void theProbeRefusesToSignInWithoutTlsUnlessGeenWasConfirmed() throws Exception {
		try (ScriptedSmtpServer server = offeringAuth()) {
			ProbeReport report = probe.probe(level(server, false), SmtpConnectionsTests.LEVEL);

			assertThat(report.failure().cause()).isEqualTo(Cause.PLAIN_TEXT_SIGN_IN);
			assertThat(report.step(SmtpStep.AUTH).outcome()).isEqualTo(Outcome.FAILED);
			assertThat(server.commands).noneMatch(command -> command.startsWith("AUTH")
					|| command.contains(PASSWORD_BASE64));
		}
	}

	@Test
	void aProbeWithoutSignInPassesButIsNoConfirmationOfTheCredentials() throws Exception {
		try (ScriptedSmtpServer server = withoutAuth()) {
			ProbeReport report = probe.probe(level(server, true), SmtpConnectionsTests.LEVEL);

			assertThat(report.succeeded()).isTrue();
			assertThat(report.signInNotAsked()).isTrue();
			assertThat(report.step(SmtpStep.AUTH).outcome()).isEqualTo(Outcome.SKIPPED);
		}
		try (ScriptedSmtpServer server = offeringAuth()) {
			ProbeReport report = probe.probe(level(server, true), SmtpConnectionsTests.LEVEL);

			assertThat(report.succeeded()).isTrue();
			assertThat(report.signInNotAsked()).as("signed in: nothing to warn about").isFalse();
		}
	}

	/** Offers AUTH PLAIN on a plain connection, as a server on port 25 (or a man in the middle) may. */
	private static ScriptedSmtpServer offeringAuth() throws Exception {
		return accepting("250-scripted.test\r\n250 AUTH PLAIN");
	}

	private static ScriptedSmtpServer withoutAuth() throws Exception {
		return accepting("250-scripted.test\r\n250 8BITMIME");
	}

	/** Answers EHLO as given and takes a mail: 354 to DATA, silence for its lines, 250 for the final dot. */
	private static ScriptedSmtpServer accepting(String ehloReply) throws Exception {
		AtomicBoolean inData = new AtomicBoolean();
		return ScriptedSmtpServer.answering(command -> {
			if (inData.get()) {
				if (command.equals(".")) {
					inData.set(false);
					return "250 2.0.0 Queued";
				}
				return null;
			}
			if (command.equals("DATA")) {
				inData.set(true);
				return "354 Go ahead";
			}
			if (command.startsWith("EHLO")) {
				return ehloReply;
			}
			if (command.startsWith("AUTH")) {
				return "235 2.7.0 Authentication successful";
			}
			return command.equals("QUIT") ? "221 Bye" : "250 OK";
		});
	}

	private static SmtpServer level(ScriptedSmtpServer server, boolean plainTextSignInConfirmed) {
		return new SmtpServer("127.0.0.1", server.port(), SmtpSecurity.NONE, SmtpConnectionsTests.LEVEL,
				new SmtpCredentials.Password(TestSmtpServer.PASSWORD), null, plainTextSignInConfirmed);
	}

}
