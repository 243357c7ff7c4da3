package nl.salaronline.smtp;

/**
 * OAuth2 access tokens for SMTP {@code AUTH XOAUTH2} (SPEC section 9): obtained with the level's OAuth2 credentials
 * from the provider's token endpoint, cached per level and refreshed before expiry. The token is sent with
 * {@code AUTH XOAUTH2} as the mailbox in {@link SmtpServer#username()}. Without a bean of this type, connecting with
 * OAuth2 credentials fails with {@link SmtpFailure.Cause#OAUTH2_TOKEN_FAILED}.
 * <p>
 * With Angus Mail: {@code mail.smtp.auth=true}, {@code mail.smtp.auth.mechanisms=XOAUTH2} (this also enables XOAUTH2,
 * which Angus leaves off by default), then {@code transport.connect(host, port, mailbox, accessToken)}.
 */
public interface SmtpAccessTokens {

	/**
	 * A valid access token for the server's OAuth2 credentials (cached when possible). Concurrent callers for the same
	 * level share one request to the token endpoint.
	 * @throws SmtpAccessTokenException when the provider refuses or cannot be reached
	 * @throws IllegalArgumentException when the server signs in with a password
	 */
	String accessToken(SmtpServer server) throws SmtpAccessTokenException;

	/** Forgets the cached token of this server's credentials, e.g. after the SMTP server answered 535 to it. */
	void invalidate(SmtpServer server);

	/**
	 * Forgets the cached token only if it still is the one the SMTP server refused. Prefer this after a 535: when
	 * several sends of a level are refused at once, the level still fetches only one new token.
	 */
	default void invalidate(SmtpServer server, String refusedToken) {
		invalidate(server);
	}

}
