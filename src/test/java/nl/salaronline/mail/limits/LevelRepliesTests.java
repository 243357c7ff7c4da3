package nl.salaronline.mail.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.salaronline.mail.limits.LevelReplies.Verdict;
import nl.salaronline.smtp.SmtpFailure;
import nl.salaronline.smtp.SmtpFailure.Cause;
import nl.salaronline.smtp.SmtpFailure.Kind;
import nl.salaronline.smtp.SmtpOAuth2Problem;

/** Which replies pause or stall a level rather than fail a mail (docs/DECISIONS.md lists their sources). */
class LevelRepliesTests {

	@ParameterizedTest(name = "{2}: {3}")
	@CsvSource(delimiter = '|', value = {
			"TRANSIENT|SERVER_BUSY|RATE|421 4.7.0 Try again later, closing connection.",
			"TRANSIENT|SERVER_BUSY|RATE|421-4.7.28 Our system has detected an unusual rate of unsolicited mail",
			"TRANSIENT|SERVER_BUSY|RATE|432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded",
			"TRANSIENT|SERVER_BUSY|RATE|432 4.3.2 Concurrent connections limit exceeded",
			"TRANSIENT|SERVER_BUSY|RATE|450 4.5.127 Excessive message rate from sender",
			"TRANSIENT|SERVER_BUSY|RATE|451 4.3.2 Please try again later",
			"TRANSIENT|SERVER_BUSY|RATE|450 4.2.1 The user you are trying to contact is receiving mail too fast",
			"TRANSIENT|SERVER_BUSY|RATE|452 4.5.3 Your message has too many recipients",
			"TRANSIENT|SERVER_BUSY|RATE|451 4.7.500 Server busy. Please try again later",
			"PERMANENT|MESSAGE_REJECTED|QUOTA|550 5.4.5 Daily user sending quota exceeded.",
			"PERMANENT|MESSAGE_REJECTED|QUOTA|554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message",
			"PERMANENT|MESSAGE_REJECTED|STALL|554 5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded",
			"PERMANENT|SENDER_NOT_ALLOWED|STALL|550 5.2.252 SendAsDenied; Sender throttled due to continuous send as denied errors",
			"PERMANENT|BASIC_AUTH_DISABLED|STALL|535 5.7.139 Authentication unsuccessful, basic authentication is disabled",
			"PERMANENT|AUTHENTICATION_FAILED|STALL|535 5.7.8 Authentication credentials invalid",
			"PERMANENT|BASIC_AUTH_DISABLED|STALL|534-5.7.9 Application-specific password required",
			"PERMANENT|SENDER_NOT_ALLOWED|STALL|550 5.7.60 SMTP; Client does not have permissions to send as this sender",
			"PERMANENT|CERTIFICATE_UNTRUSTED|STALL|PKIX path building failed",
			"PERMANENT|OAUTH2_TOKEN_FAILED|STALL|AADSTS7000215",
			"TRANSIENT|OAUTH2_TOKEN_FAILED|MAIL|token endpoint unreachable",
			"PERMANENT|RECIPIENT_REJECTED|MAIL|550 5.1.1 mailbox unavailable",
			"PERMANENT|RECIPIENT_REJECTED|MAIL|552 5.2.2 The recipient's mailbox is full",
			"TRANSIENT|SERVER_BUSY|MAIL|451 4.4.1 Temporary lookup failure",
			"TRANSIENT|CONNECTION_REFUSED|MAIL|Connection refused",
			"PERMANENT|PLAIN_TEXT_SIGN_IN|STALL|The server asks for sign-in on a connection without TLS" })
	void classifies(Kind kind, Cause cause, Verdict verdict, String reply) {
		assertThat(LevelReplies.of(new SmtpFailure(kind, cause, reply))).isEqualTo(verdict);
	}

	@org.junit.jupiter.api.Test
	void aTokenEndpointThatAnswers404OrAServerErrorStallsTheLevelAndOneThatCannotBeReachedFailsTheMail() {
		SmtpFailure fault = new SmtpFailure(Kind.TRANSIENT, Cause.OAUTH2_TOKEN_FAILED, "HTTP 404 Not Found (text/html)",
				SmtpOAuth2Problem.TOKEN_ENDPOINT_FAULT);
		SmtpFailure unreachable = new SmtpFailure(Kind.TRANSIENT, Cause.OAUTH2_TOKEN_FAILED, "Connection refused",
				SmtpOAuth2Problem.TOKEN_ENDPOINT_UNREACHABLE);
		assertThat(LevelReplies.of(fault)).isEqualTo(Verdict.STALL);
		assertThat(LevelReplies.of(unreachable)).isEqualTo(Verdict.MAIL);
	}

	@org.junit.jupiter.api.Test
	void aFullMailboxAndAThrottledSenderAreExplainedWithWhatToDo() {
		assertThat(LevelReplies.reasonKey("MESSAGE_REJECTED",
				"554 5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException")).isEqualTo(
						"stall.reason.mailboxFull");
		assertThat(LevelReplies.reasonKey("SENDER_NOT_ALLOWED", "550 5.2.252 SendAsDenied; Sender throttled"))
			.isEqualTo("stall.reason.senderThrottled");
		assertThat(LevelReplies.reasonKey("AUTHENTICATION_FAILED", "535 5.7.8 Authentication credentials invalid"))
			.isEqualTo("smtp.failure.AUTHENTICATION_FAILED");
	}

}
