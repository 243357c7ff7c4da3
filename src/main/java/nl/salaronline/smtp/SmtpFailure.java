package nl.salaronline.smtp;

import java.util.List;

/**
 * What went wrong in an SMTP conversation, in terms the sender and the screens can act on.
 *
 * @param kind whether trying again later may help
 * @param cause what happened, e.g. AUTHENTICATION_FAILED, CONNECTION_REFUSED
 * @param serverReply the server's own reply (e.g. "535 5.7.8 Authentication failed"), or the exception's message
 * when there was none; for a token that could not be fetched, the provider's own error code; never contains a secret
 * @param oauth2Problem with OAuth2 sign-in: the more precise explanation (e.g. an expired client secret, SMTP AUTH
 * off for the mailbox), or {@code null}
 * @param messageArguments the values of the placeholders in the explanation under {@link #messageKey()}, e.g. the
 * provider and the HTTP status of a token endpoint's fault; empty for most failures
 */
public record SmtpFailure(Kind kind, Cause cause, String serverReply, SmtpOAuth2Problem oauth2Problem,
		List<String> messageArguments) {

	public SmtpFailure {
		messageArguments = (messageArguments == null) ? List.of() : List.copyOf(messageArguments);
	}

	public SmtpFailure(Kind kind, Cause cause, String serverReply, SmtpOAuth2Problem oauth2Problem) {
		this(kind, cause, serverReply, oauth2Problem, List.of());
	}

	public SmtpFailure(Kind kind, Cause cause, String serverReply) {
		this(kind, cause, serverReply, null);
	}

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
		MESSAGE_REJECTED, SERVER_BUSY, PLAIN_TEXT_SIGN_IN, CONNECTION_LOST, OTHER

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

	/**
	 * No access token: the provider refused (permanent), or could not be reached or answered with a fault such as a
	 * 404 or 503 (transient: the level's mails wait and are tried again).
	 */
	public static SmtpFailure ofAccessToken(SmtpAccessTokenException ex) {
		String providerError = ex.providerError() != null ? ex.providerError() : ex.getMessage();
		return new SmtpFailure(ex.isTransient() ? Kind.TRANSIENT : Kind.PERMANENT, Cause.OAUTH2_TOKEN_FAILED,
				providerError, ex.problem(), ex.messageArguments());
	}

	/**
	 * This failure as it reads for a server signed in to with OAuth2: Exchange's {@code 535 5.7.139} then means SMTP
	 * AUTH is off for the mailbox (not "basic authentication disabled"), {@code 535 5.7.3} that the app may not send
	 * as the mailbox.
	 */
	public SmtpFailure signingInWith(SmtpAuthMethod method) {
		if (oauth2Problem != null || (cause != Cause.AUTHENTICATION_FAILED && cause != Cause.BASIC_AUTH_DISABLED)) {
			return this;
		}
		return SmtpOAuth2Problem.ofSmtpReply(method, serverReply)
			.map(problem -> new SmtpFailure(kind, Cause.AUTHENTICATION_FAILED, serverReply, problem))
			.orElse(this);
	}

	public boolean isTransient() {
		return kind == Kind.TRANSIENT;
	}

	/** The Dutch explanation: the OAuth2 problem's when there is one, else {@code smtp.failure.<CAUSE>}. */
	public String messageKey() {
		return oauth2Problem != null ? oauth2Problem.messageKey() : "smtp.failure." + cause.name();
	}

}
