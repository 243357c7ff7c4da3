package nl.salaronline.smtp;

/**
 * The token endpoint refused or could not be reached.
 *
 * @see SmtpAccessTokens
 */
public class SmtpAccessTokenException extends Exception {

	/** The provider's own error code (e.g. {@code invalid_client}, {@code AADSTS7000215}), or null. */
	private final String providerError;

	public SmtpAccessTokenException(String message, String providerError, Throwable cause) {
		super(message, cause);
		this.providerError = providerError;
	}

	public String providerError() {
		return providerError;
	}

}
