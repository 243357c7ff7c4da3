package nl.salaronline.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import nl.salaronline.smtp.SmtpFailure.Cause;
import nl.salaronline.smtp.SmtpFailure.Kind;

/** The sender's connections against real SMTP servers on loopback. */
class SmtpConnectionsTests {

	static final String LEVEL = TestSmtpServer.USERNAME;

	static final String OAUTH2_TOKEN = "ya29.test-access-token";

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(
			ServerSetup.dynamicPort(new ServerSetup[] { ServerSetupTest.SMTP, ServerSetupTest.SMTPS }))
		.withConfiguration(GreenMailConfiguration.aConfig()
			.withUser(LEVEL, LEVEL, TestSmtpServer.PASSWORD)
			.withUser("oauth@korenbloem.nl", "oauth@korenbloem.nl", OAUTH2_TOKEN))
		.withPerMethodLifecycle(false);

	private final SmtpSockets sockets = new SmtpSockets(TestPolicies::allowAll, TestTls.trust(), Duration.ofSeconds(2));

	private final AngusSmtpConnections connections = new AngusSmtpConnections(sockets, Optional::empty);

	@AfterEach
	void stopSockets() {
		sockets.destroy();
	}

	@Test
	void sendsThroughTheLevelsServerSigningInWithItsPassword() throws Exception {
		SmtpServer server = password("127.0.0.1", greenMail.getSmtp().getPort(), SmtpSecurity.NONE,
				TestSmtpServer.PASSWORD);

		send(connections, server, "werknemer@example.nl", "Loonstrook januari");

		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		assertThat(greenMail.getReceivedMessagesForDomain("example.nl"))
			.anySatisfy(message -> assertThat(message.getSubject()).isEqualTo("Loonstrook januari"));
	}

	@Test
	void wrongPasswordIsAPermanentAuthenticationFailureWithTheServersReply() {
		SmtpServer server = password("127.0.0.1", greenMail.getSmtp().getPort(), SmtpSecurity.NONE, "fout");

		SmtpFailure failure = failureOf(server);

		assertThat(failure.cause()).isEqualTo(Cause.AUTHENTICATION_FAILED);
		assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
		assertThat(failure.serverReply()).startsWith("535").doesNotContain("fout");
	}

	@Test
	void aServerEchoingTheCredentialsNeverGetsThemIntoTheFailure() throws IOException {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(command -> command.startsWith("AUTH PLAIN ")
				? "535 5.7.8 Cannot accept " + command.substring("AUTH PLAIN ".length()) : null)) {
			SmtpFailure failure = failureOf(password("127.0.0.1", server.port(), SmtpSecurity.NONE,
					TestSmtpServer.PASSWORD));

			assertThat(failure.cause()).isEqualTo(Cause.AUTHENTICATION_FAILED);
			assertThat(failure.serverReply()).isEqualTo("535 5.7.8 Cannot accept ***");
		}
	}

	@Test
	void selfSignedSmtpsCertificateIsUntrustedUntilExactlyThatCertificateIsPinned() throws Exception {
		int port = greenMail.getSmtps().getPort();
		SmtpServer unpinned = password("localhost", port, SmtpSecurity.SSL_TLS, TestSmtpServer.PASSWORD);

		assertThat(failureOf(unpinned).cause()).isEqualTo(Cause.CERTIFICATE_UNTRUSTED);

		SmtpServer pinned = pinned(unpinned, PresentedCertificate.sha256Of(TestTls.greenMailCertificate()));
		send(connections, pinned, "pinned@example.com", "Via vastgezet certificaat");
		assertThat(greenMail.getReceivedMessagesForDomain("example.com"))
			.anySatisfy(message -> assertThat(message.getSubject()).isEqualTo("Via vastgezet certificaat"));
	}

	@Test
	void aPinnedCertificateTrustsNoOtherCertificate() {
		try (TestSmtpServer server = TestSmtpServer.startTls("self-signed")) {
			SmtpServer pinnedToAnother = pinned(password("localhost", server.port(), SmtpSecurity.STARTTLS,
					TestSmtpServer.PASSWORD), PresentedCertificate.sha256Of(TestTls.greenMailCertificate()));

			assertThat(failureOf(pinnedToAnother).cause()).isEqualTo(Cause.CERTIFICATE_UNTRUSTED);
		}
	}

	@Test
	void startTlsWithACertificateFromATrustedAuthoritySends() throws Exception {
		try (TestSmtpServer server = TestSmtpServer.startTls("localhost")) {
			send(connections, password("localhost", server.port(), SmtpSecurity.STARTTLS, TestSmtpServer.PASSWORD),
					"werknemer@example.nl", "Over STARTTLS");

			assertThat(server.received).singleElement()
				.satisfies(received -> assertThat(received.data()).contains("Subject: Over STARTTLS"));
		}
	}

	@Test
	void certificateForAnotherNameIsAHostMismatchUntilPinned() throws Exception {
		try (TestSmtpServer server = TestSmtpServer.startTls("wrong-name")) {
			SmtpServer level = password("localhost", server.port(), SmtpSecurity.STARTTLS, TestSmtpServer.PASSWORD);

			assertThat(failureOf(level).cause()).isEqualTo(Cause.CERTIFICATE_HOST_MISMATCH);

			send(connections, pinned(level, PresentedCertificate.sha256Of(TestTls.certificate("wrong-name"))),
					"werknemer@example.nl", "Vastgezet");
			assertThat(server.received).hasSize(1);
		}
	}

	@Test
	void plainTextToAServerRequiringStartTlsIsExplainedAsStartTlsRequired() {
		try (TestSmtpServer server = TestSmtpServer.startTls("localhost")) {
			SmtpFailure failure = sendFailure(password("localhost", server.port(), SmtpSecurity.NONE,
					TestSmtpServer.PASSWORD));

			assertThat(failure.cause()).isEqualTo(Cause.STARTTLS_REQUIRED);
			assertThat(failure.serverReply()).startsWith("530");
			assertThat(server.received).isEmpty();
		}
	}

	@Test
	void startTlsIsNeverSkippedWhenTheServerDoesNotOfferIt() {
		try (TestSmtpServer server = TestSmtpServer.start(builder -> builder)) {
			SmtpFailure failure = failureOf(password("localhost", server.port(), SmtpSecurity.STARTTLS,
					TestSmtpServer.PASSWORD));

			assertThat(failure.cause()).isEqualTo(Cause.STARTTLS_NOT_OFFERED);
			assertThat(server.received).isEmpty();
		}
	}

	@Test
	void senderTheMailboxDoesNotOwnIsSenderNotAllowed() {
		try (TestSmtpServer server = TestSmtpServer.start(builder -> builder)
			.rejectSender("553 5.7.1 <salaris@korenbloem.nl>: Sender address rejected: not owned by user x")) {
			SmtpFailure failure = sendFailure(password("localhost", server.port(), SmtpSecurity.NONE,
					TestSmtpServer.PASSWORD));

			assertThat(failure.cause()).isEqualTo(Cause.SENDER_NOT_ALLOWED);
			assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
			assertThat(failure.serverReply()).startsWith("553 5.7.1");
		}
	}

	@Test
	void sendAsDeniedAtTheEndOfTheMessageIsSenderNotAllowed() {
		try (TestSmtpServer server = TestSmtpServer.start(builder -> builder)
			.rejectData("550 5.7.60 SMTP; Client does not have permissions to send as this sender")) {
			SmtpFailure failure = sendFailure(password("localhost", server.port(), SmtpSecurity.NONE,
					TestSmtpServer.PASSWORD));

			assertThat(failure.cause()).isEqualTo(Cause.SENDER_NOT_ALLOWED);
			assertThat(failure.serverReply()).contains("5.7.60");
		}
	}

	@Test
	void temporaryRefusalIsTransient() {
		try (TestSmtpServer server = TestSmtpServer.start(builder -> builder)
			.rejectData("451 4.3.0 Please try again later")) {
			SmtpFailure failure = sendFailure(password("localhost", server.port(), SmtpSecurity.NONE,
					TestSmtpServer.PASSWORD));

			assertThat(failure.cause()).isEqualTo(Cause.SERVER_BUSY);
			assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
		}
	}

	@Test
	void hostPolicyIsCheckedAgainstTheAddressActuallyConnectedTo() throws Exception {
		SmtpSockets strict = new SmtpSockets(TestPolicies::publicOnly, TestTls.trust(), Duration.ofSeconds(2));
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			SmtpFailure failure = failureOf(new AngusSmtpConnections(strict, Optional::empty),
					password("localhost", listener.getLocalPort(), SmtpSecurity.SSL_TLS, TestSmtpServer.PASSWORD));

			assertThat(failure.cause()).isEqualTo(Cause.HOST_NOT_ALLOWED);
			assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
			listener.setSoTimeout(300);
			assertThat(catchThrowableOfType(SocketTimeoutException.class, listener::accept))
				.as("no connection was made").isNotNull();
		}
		finally {
			strict.destroy();
		}
	}

	@Test
	void aSessionConnectedDirectlyIsHostCheckedToo() {
		SmtpSockets strict = new SmtpSockets(TestPolicies::publicOnly, TestTls.trust(), Duration.ofSeconds(2));
		try {
			AngusSmtpConnections guarded = new AngusSmtpConnections(strict, Optional::empty);
			for (SmtpSecurity security : SmtpSecurity.values()) {
				SmtpServer server = password("localhost", greenMail.getSmtp().getPort(), security,
						TestSmtpServer.PASSWORD);
				MessagingException failure = catchThrowableOfType(MessagingException.class, () -> {
					try (Transport transport = guarded.session(server).getTransport()) {
						transport.connect(server.host(), server.port(), LEVEL, TestSmtpServer.PASSWORD);
					}
				});

				assertThat(failure).as("%s", security).isNotNull();
				assertThat(SmtpFailure.of(failure).cause()).as("%s", security).isEqualTo(Cause.HOST_NOT_ALLOWED);
			}
		}
		finally {
			strict.destroy();
		}
	}

	@Test
	void closedPortIsConnectionRefused() throws IOException {
		SmtpFailure failure = failureOf(password("127.0.0.1", closedPort(), SmtpSecurity.NONE, "x"));

		assertThat(failure.cause()).isEqualTo(Cause.CONNECTION_REFUSED);
		assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
	}

	@Test
	void unknownHostIsTransientSinceDnsMayBeDownForAWhile() {
		SmtpFailure failure = failureOf(password("nonexistent.invalid", 587, SmtpSecurity.STARTTLS, "x"));

		assertThat(failure.cause()).isEqualTo(Cause.UNKNOWN_HOST);
		assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
	}

	@Test
	void serverThatNeverAnswersTimesOut() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			SmtpFailure failure = failureOf(password("127.0.0.1", silent.getLocalPort(), SmtpSecurity.NONE, "x"));

			assertThat(failure.cause()).isEqualTo(Cause.TIMEOUT);
			assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
		}
	}

	@Test
	@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // without a write timeout it never ends
	void serverThatStopsReadingTheMessageTimesOutInsteadOfHoldingTheSender() throws Exception {
		try (ScriptedSmtpServer deaf = ScriptedSmtpServer.deafAfterData()) {
			SmtpServer server = password("127.0.0.1", deaf.port(), SmtpSecurity.NONE, "x");
			MimeMessage message = new MimeMessage(connections.session(server));
			message.setFrom(new InternetAddress(LEVEL));
			message.setRecipient(Message.RecipientType.TO, new InternetAddress("werknemer@example.nl"));
			MimeBodyPart attachment = new MimeBodyPart();
			// far more than the loopback socket buffers hold, so the write blocks once the server stops reading
			attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[24 * 1024 * 1024],
					"application/pdf")));
			message.setContent(new MimeMultipart(attachment));
			long started = System.nanoTime();

			MessagingException thrown = catchThrowableOfType(MessagingException.class, () -> {
				try (Transport transport = connections.connect(server)) {
					transport.sendMessage(message, message.getAllRecipients());
				}
			});

			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(thrown).as("the send fails").isNotNull();
			SmtpFailure failure = SmtpFailure.of(thrown);
			assertThat(failure.cause()).isEqualTo(Cause.TIMEOUT);
			assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
			assertThat(failure.serverReply()).contains("Write timed out");
			// the timeout is 2 s: not cut short, and not left hanging
			assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
		}
	}

	@Test
	void tlsToAPlainPortIsExplained() {
		SmtpFailure failure = failureOf(password("localhost", greenMail.getSmtp().getPort(), SmtpSecurity.SSL_TLS,
				TestSmtpServer.PASSWORD));

		assertThat(failure.cause()).isEqualTo(Cause.TLS_ON_PLAIN_PORT);
	}

	@Test
	void oauth2WithoutATokenServiceFailsWithAClearCause() {
		SmtpServer server = new SmtpServer("127.0.0.1", greenMail.getSmtp().getPort(), SmtpSecurity.NONE,
				"oauth@korenbloem.nl", new SmtpCredentials.MicrosoftOAuth2("tenant", "client", "secret"), null, true);

		SmtpFailure failure = failureOf(server);

		assertThat(failure.cause()).isEqualTo(Cause.OAUTH2_TOKEN_FAILED);
		assertThat(failure.serverReply()).doesNotContain("secret");
	}

	@Test
	void oauth2SignsInWithXoauth2AndTheAccessToken() throws Exception {
		FixedTokens tokens = new FixedTokens(OAUTH2_TOKEN);
		SmtpServer server = new SmtpServer("127.0.0.1", greenMail.getSmtp().getPort(), SmtpSecurity.NONE,
				"oauth@korenbloem.nl", new SmtpCredentials.MicrosoftOAuth2("tenant", "client", "secret"), null, true);

		send(new AngusSmtpConnections(sockets, () -> Optional.of(tokens)), server, "oauth@example.org", "OAuth2");

		assertThat(greenMail.getReceivedMessagesForDomain("example.org")).hasSize(1);
		assertThat(tokens.invalidated).isZero();
	}

	@Test
	void refusedAccessTokenIsForgottenSoTheNextAttemptFetchesAFreshOne() {
		FixedTokens tokens = new FixedTokens("expired-token");
		SmtpServer server = new SmtpServer("127.0.0.1", greenMail.getSmtp().getPort(), SmtpSecurity.NONE,
				"oauth@korenbloem.nl", new SmtpCredentials.MicrosoftOAuth2("tenant", "client", "secret"), null, true);

		SmtpFailure failure = failureOf(new AngusSmtpConnections(sockets, () -> Optional.of(tokens)), server);

		assertThat(failure.cause()).isEqualTo(Cause.AUTHENTICATION_FAILED);
		assertThat(tokens.invalidated).isEqualTo(1);
	}

	@Test
	void tokenEndpointRefusingTheClientIsPermanentAndUnreachableIsTransient() {
		SmtpServer server = new SmtpServer("127.0.0.1", greenMail.getSmtp().getPort(), SmtpSecurity.NONE,
				"oauth@korenbloem.nl", new SmtpCredentials.MicrosoftOAuth2("tenant", "client", "secret"), null, true);
		SmtpAccessTokens refusing = new FixedTokens(null) {

			@Override
			public String accessToken(SmtpServer level) throws SmtpAccessTokenException {
				throw new SmtpAccessTokenException("Token endpoint answered 401", "invalid_client", null);
			}

		};
		SmtpAccessTokens unreachable = new FixedTokens(null) {

			@Override
			public String accessToken(SmtpServer level) throws SmtpAccessTokenException {
				throw new SmtpAccessTokenException("Token endpoint not reachable", null, new IOException("timeout"));
			}

		};

		SmtpFailure refused = failureOf(new AngusSmtpConnections(sockets, () -> Optional.of(refusing)), server);
		SmtpFailure down = failureOf(new AngusSmtpConnections(sockets, () -> Optional.of(unreachable)), server);

		assertThat(refused.cause()).isEqualTo(Cause.OAUTH2_TOKEN_FAILED);
		assertThat(refused.kind()).isEqualTo(Kind.PERMANENT);
		assertThat(refused.serverReply()).contains("invalid_client");
		assertThat(down.cause()).isEqualTo(Cause.OAUTH2_TOKEN_FAILED);
		assertThat(down.kind()).isEqualTo(Kind.TRANSIENT);
	}

	static class FixedTokens implements SmtpAccessTokens {

		private final String token;

		int invalidated;

		FixedTokens(String token) {
			this.token = token;
		}

		@Override
		public String accessToken(SmtpServer server) throws SmtpAccessTokenException {
			return token;
		}

		@Override
		public void invalidate(SmtpServer server) {
			invalidated++;
		}

	}

	static SmtpServer password(String host, int port, SmtpSecurity security, String password) {
		// "Geen" as a level saves it: chosen with its warning confirmed
		return new SmtpServer(host, port, security, LEVEL, new SmtpCredentials.Password(password), null,
				security == SmtpSecurity.NONE);
	}

	static SmtpServer pinned(SmtpServer server, String sha256) {
		return new SmtpServer(server.host(), server.port(), server.security(), server.username(),
				server.credentials(), sha256, server.plainTextSignIn());
	}

	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private SmtpFailure failureOf(SmtpServer server) {
		return failureOf(connections, server);
	}

	private static SmtpFailure failureOf(SmtpConnections connections, SmtpServer server) {
		MessagingException failure = catchThrowableOfType(MessagingException.class, () -> {
			try (Transport transport = connections.connect(server)) {
				transport.isConnected();
			}
		});
		assertThat(failure).as("connecting to %s fails", server).isNotNull();
		return SmtpFailure.of(failure);
	}

	private SmtpFailure sendFailure(SmtpServer server) {
		MessagingException failure = catchThrowableOfType(MessagingException.class,
				() -> send(connections, server, "werknemer@example.nl", "Loonstrook"));
		assertThat(failure).as("sending through %s fails", server).isNotNull();
		return SmtpFailure.of(failure);
	}

	static void send(SmtpConnections connections, SmtpServer server, String to, String subject)
			throws MessagingException {
		MimeMessage message = new MimeMessage(connections.session(server));
		message.setFrom(new InternetAddress(LEVEL));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
		message.setSubject(subject);
		message.setText("Uw loonstrook staat klaar.");
		try (Transport transport = connections.connect(server)) {
			transport.sendMessage(message, message.getAllRecipients());
		}
	}


}
