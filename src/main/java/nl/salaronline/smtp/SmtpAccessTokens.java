package nl.salaronline.smtp;

/**
 * OAuth2 access tokens for SMTP {@code AUTH XOAUTH2} (SPEC section 9): obtained with the level's OAuth2 credentials
 * from the provider's token endpoint, cached per level and refreshed before expiry. The token is sent with
 * {@code AUTH XOAUTH2} as the mailbox in {@link SmtpServer#username()}. Without a bean of this type, connecting with
 * OAuth2 credentials fails with {@link SmtpFailure.Cause#OAUTH2_TOKEN_FAILED}.
 */
public interface SmtpAccessTokens {

	/**
	 * A valid access token for the server's OAuth2 credentials (cached when possible).
	 * @throws SmtpAccessTokenException when the provider refuses or cannot be reached
	 */
	String accessToken(SmtpServer server) throws SmtpAccessTokenException;

	/** Forgets the cached token of this server's credentials, e.g. after the SMTP server answered 535 to it. */
	void invalidate(SmtpServer server);

}
