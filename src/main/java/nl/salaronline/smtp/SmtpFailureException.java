package nl.salaronline.smtp;

import jakarta.mail.MessagingException;

/**
 * A failure we detected ourselves before or outside the SMTP conversation (e.g. no OAuth2 access token), already
 * classified; {@link SmtpFailure#of} returns its {@link #failure()}.
 */
public class SmtpFailureException extends MessagingException {

	private final transient SmtpFailure failure;

	public SmtpFailureException(SmtpFailure failure) {
		super(failure.serverReply());
		this.failure = failure;
	}

	public SmtpFailureException(SmtpFailure failure, Exception cause) {
		super(failure.serverReply(), cause);
		this.failure = failure;
	}

	public SmtpFailure failure() {
		return failure;
	}

}
