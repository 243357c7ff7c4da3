package nl.salaronline.smtp;

/**
 * Obtains OAuth2 access tokens for {@link SmtpCredentials.MicrosoftOAuth2} and {@link SmtpCredentials.GoogleOAuth2}
 * (SPEC section 9); the token is sent with {@code AUTH XOAUTH2} as the mailbox in {@link SmtpServer#username()}.
 * Implemented by the OAuth2 token client as a bean, which caches tokens per level and refreshes them before expiry.
 * Without such a bean, connecting with OAuth2 credentials fails with {@link SmtpFailure.Cause#OAUTH2_TOKEN_FAILED}.
 */
public interface SmtpAccessTokens {

	/**
	 * A valid access token for the server's OAuth2 credentials.
	 * @throws SmtpFailureException with cause {@link SmtpFailure.Cause#OAUTH2_TOKEN_FAILED} (TRANSIENT when the token
	 * endpoint could not be reached or answered 5xx, PERMANENT when it refused the client) when no token can be had;
	 * its reply is the endpoint's error code and description, never a secret
	 */
	String accessToken(SmtpServer server) throws SmtpFailureException;

}
