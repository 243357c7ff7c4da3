package nl.salaronline.smtp;

/**
 * What went wrong in an SMTP conversation, in terms the sender and the screens can act on.
 *
 * @param kind whether trying again later may help
 * @param cause what happened, e.g. AUTHENTICATION_FAILED, CONNECTION_REFUSED
 * @param serverReply the server's own reply (e.g. "535 5.7.8 Authentication failed"), or the exception's message
 * when there was none; never contains a secret
 */
public record SmtpFailure(Kind kind, Cause cause, String serverReply) {

	public enum Kind {

		/** Connection problems, timeouts, 4xx replies: retry with backoff. */
		TRANSIENT,

		/** 5xx replies, authentication failures, certificate problems: retrying will not help. */
		PERMANENT

	}

	/** Each cause has a Dutch explanation and next step under the message key {@code smtp.failure.<CAUSE>}. */
	public enum Cause {

		UNKNOWN_HOST, CONNECTION_REFUSED, TIMEOUT, HOST_NOT_ALLOWED, TLS_ON_PLAIN_PORT, PLAIN_ON_TLS_PORT,
		STARTTLS_REQUIRED, STARTTLS_NOT_OFFERED, CERTIFICATE_UNTRUSTED, CERTIFICATE_HOST_MISMATCH,
		AUTHENTICATION_FAILED, BASIC_AUTH_DISABLED, OAUTH2_TOKEN_FAILED, SENDER_NOT_ALLOWED, RECIPIENT_REJECTED,
		MESSAGE_REJECTED, SERVER_BUSY, OTHER

	}

	/**
	 * Classifies what Jakarta Mail (Angus) threw while connecting or sending, walking the whole cause chain: SMTP
	 * replies first (they carry the server's own words), then TLS and certificate problems, then the network.
	 */
	public static SmtpFailure of(Throwable failure) {
		return FailureClassifier.of(failure);
	}

	public static SmtpFailure permanent(Cause cause, String serverReply) {
		return new SmtpFailure(Kind.PERMANENT, cause, serverReply);
	}

	public static SmtpFailure transientFailure(Cause cause, String serverReply) {
		return new SmtpFailure(Kind.TRANSIENT, cause, serverReply);
	}

	public boolean isTransient() {
		return kind == Kind.TRANSIENT;
	}

	public String messageKey() {
		return "smtp.failure." + cause.name();
	}

}
