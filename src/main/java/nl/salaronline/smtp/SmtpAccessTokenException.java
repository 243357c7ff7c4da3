package nl.salaronline.smtp;

import java.util.List;

/**
 * The token endpoint refused or could not be reached. The message is for the log (it never contains a secret, an
 * assertion or a token); screens show {@link #problem()}'s Dutch explanation and {@link #providerError()}.
 *
 * @see SmtpAccessTokens
 */
public class SmtpAccessTokenException extends Exception {

	/** The provider's own error code (e.g. {@code invalid_client}, {@code AADSTS7000215}), or null. */
	private final String providerError;

	private final SmtpOAuth2Problem problem;

	private final List<String> messageArguments;

	public SmtpAccessTokenException(String message, String providerError, SmtpOAuth2Problem problem,
			Throwable cause) {
		this(message, providerError, problem, List.of(), cause);
	}

	/**
	 * @param messageArguments the values of the placeholders in the problem's Dutch explanation, e.g. the provider's
	 * name and the HTTP status for {@link SmtpOAuth2Problem#TOKEN_ENDPOINT_FAULT}
	 */
	public SmtpAccessTokenException(String message, String providerError, SmtpOAuth2Problem problem,
			List<String> messageArguments, Throwable cause) {
		super(message, cause);
		this.providerError = providerError;
		this.problem = (problem != null) ? problem : SmtpOAuth2Problem.TOKEN_REFUSED;
		this.messageArguments = List.copyOf(messageArguments);
	}

	/** Without a provider's error code, the endpoint is taken to have been unreachable (transient). */
	public SmtpAccessTokenException(String message, String providerError, Throwable cause) {
		this(message, providerError,
				(providerError == null) ? SmtpOAuth2Problem.TOKEN_ENDPOINT_UNREACHABLE : SmtpOAuth2Problem.TOKEN_REFUSED,
				cause);
	}

	public String providerError() {
		return providerError;
	}

	/** What went wrong, with a Dutch explanation under {@link SmtpOAuth2Problem#messageKey()}. */
	public SmtpOAuth2Problem problem() {
		return problem;
	}

	/** The values of the placeholders in the problem's Dutch explanation; empty for most problems. */
	public List<String> messageArguments() {
		return messageArguments;
	}

	/** Whether trying again later may help (the token endpoint was unreachable, too slow, or answered a fault). */
	public boolean isTransient() {
		return problem.isTransient();
	}

}
