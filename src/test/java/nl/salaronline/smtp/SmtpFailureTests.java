package nl.salaronline.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import nl.salaronline.smtp.SmtpFailure.Cause;
import nl.salaronline.smtp.SmtpFailure.Kind;

/** Replies of the big providers, in the exceptions Angus Mail wraps them in, classified for sender and screens. */
class SmtpFailureTests {

	/** A reset (a server or load balancer that drops the connection) is the server going away, as a bare EOF is. */
	@Test
	void aConnectionResetWhileSendingIsALostConnectionTriedAgain() {
		SmtpFailure failure = SmtpFailure.of(new jakarta.mail.MessagingException("Exception reading response",
				new java.net.SocketException("Connection reset")));

		assertThat(failure.cause()).isEqualTo(Cause.CONNECTION_LOST);
		assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
		assertThat(failure.serverReply()).isEqualTo("Geen antwoord: de server verbrak de verbinding");
	}

	@Test
	void aServerTooSlowToAnswerStaysATimeoutThoughTheSocketWasClosed() {
		jakarta.mail.MessagingException thrown = new jakarta.mail.MessagingException("Exception reading response",
				new java.net.SocketTimeoutException("Read timed out"));
		thrown.addSuppressed(new java.net.SocketException("Socket closed"));

		assertThat(SmtpFailure.of(thrown).cause()).isEqualTo(Cause.TIMEOUT);
	}

	@Test
	void microsoftBasicAuthenticationSwitchedOffIsNotAWrongPassword() {
		SmtpFailure failure = SmtpFailure.of(new AuthenticationFailedException(
				"535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [AM0PR01CA0001]"));

		assertThat(failure.cause()).isEqualTo(Cause.BASIC_AUTH_DISABLED);
		assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
		assertThat(failure.serverReply()).startsWith("535 5.7.139");
	}

	@Test
	void googleAskingForAnAppPasswordIsBasicAuthenticationDisabled() {
		SmtpFailure failure = SmtpFailure.of(new AuthenticationFailedException(
				"534-5.7.9 Application-specific password required. Learn more at\n534 5.7.9 https://support.google.com"));

		assertThat(failure.cause()).isEqualTo(Cause.BASIC_AUTH_DISABLED);
	}

	@Test
	void wrongPasswordIsAuthenticationFailed() {
		SmtpFailure failure = SmtpFailure
			.of(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid"));

		assertThat(failure.cause()).isEqualTo(Cause.AUTHENTICATION_FAILED);
		assertThat(failure.messageKey()).isEqualTo("smtp.failure.AUTHENTICATION_FAILED");
	}

	@Test
	void sendAsDeniedIsSenderNotAllowed() {
		SmtpFailure failure = SmtpFailure.of(new SMTPSendFailedException("DATA", 550,
				"550 5.7.60 SMTP; Client does not have permissions to send as this sender", null, null, null, null));

		assertThat(failure.cause()).isEqualTo(Cause.SENDER_NOT_ALLOWED);
	}

	@Test
	void refusedMailFromIsSenderNotAllowed() {
		SmtpFailure failure = SmtpFailure.of(new SMTPSendFailedException("MAIL FROM:<salaris@korenbloem.nl>", 550,
				"550 5.1.0 Sender rejected", null, null, null, null));

		assertThat(failure.cause()).isEqualTo(Cause.SENDER_NOT_ALLOWED);
	}

	@Test
	void refusedRecipientInsideSendFailedIsRecipientRejected() throws Exception {
		InternetAddress recipient = new InternetAddress("onbekend@example.nl");
		SMTPAddressFailedException refused = new SMTPAddressFailedException(recipient,
				"RCPT TO:<onbekend@example.nl>", 550, "550 5.1.1 <onbekend@example.nl>: Recipient address rejected");
		SendFailedException failure = new SendFailedException("Invalid Addresses", refused, new Address[0],
				new Address[0], new Address[] { recipient });

		assertThat(SmtpFailure.of(failure).cause()).isEqualTo(Cause.RECIPIENT_REJECTED);
		assertThat(SmtpFailure.of(failure).serverReply()).startsWith("550 5.1.1");
	}

	@Test
	void messageRefusedAfterDataIsMessageRejected() {
		SmtpFailure failure = SmtpFailure.of(new SMTPSendFailedException("DATA", 554,
				"554 5.6.0 Message rejected as spam", null, null, null, null));

		assertThat(failure.cause()).isEqualTo(Cause.MESSAGE_REJECTED);
		assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
	}

	@Test
	void anyFourHundredReplyIsTransient() {
		SmtpFailure failure = SmtpFailure.of(new SMTPSendFailedException("RCPT TO:<a@b.nl>", 450,
				"450 4.2.0 <a@b.nl>: Recipient address rejected: Greylisted", null, null, null, null));

		assertThat(failure.cause()).isEqualTo(Cause.SERVER_BUSY);
		assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
	}

	@Test
	void startTlsRequiredButMissingIsStartTlsNotOffered() {
		SmtpFailure failure = SmtpFailure
			.of(new MessagingException("STARTTLS is required but host does not support STARTTLS"));

		assertThat(failure.cause()).isEqualTo(Cause.STARTTLS_NOT_OFFERED);
	}

	@Test
	void classifiedFailureTravelsThroughWrappers() {
		SmtpFailure token = SmtpFailure.transientFailure(Cause.OAUTH2_TOKEN_FAILED, "token endpoint answered 503");

		SmtpFailure failure = SmtpFailure
			.of(new MessagingException("Could not connect", new SmtpFailureException(token)));

		assertThat(failure).isEqualTo(token);
	}

}
