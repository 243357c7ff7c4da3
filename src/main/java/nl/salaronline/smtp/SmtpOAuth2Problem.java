package nl.salaronline.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why OAuth2 sign-in (SPEC section 9) failed, in terms a user can act on. Each problem has a Dutch explanation
 * and next step under the message key {@code smtp.oauth2.<PROBLEM>}; the screens show it beside the provider's own
 * error code ({@link SmtpAccessTokenException#providerError()}).
 * <p>
 * Most problems come from the token endpoint ({@link SmtpAccessTokenException#problem()}); a few only show when the
 * SMTP server refuses a token it was given ({@link #ofSmtpReply}).
 */
public enum SmtpOAuth2Problem {

	/** Microsoft: AADSTS90002 (tenant not found), AADSTS900023 (not a valid tenant id or domain). */
	UNKNOWN_TENANT,

	/** Microsoft: AADSTS700016 (no application with this client id in the tenant). */
	UNKNOWN_APPLICATION,

	/** Microsoft: AADSTS7000215 (invalid client secret); any provider's plain {@code invalid_client}. */
	WRONG_CLIENT_SECRET,

	/** Microsoft: AADSTS7000222 (client secret expired). */
	EXPIRED_CLIENT_SECRET,

	/**
	 * Exchange Online answered {@code 535 5.7.3} to a token: the app lacks the application permission
	 * SMTP.SendAsApp (with admin consent), or its service principal has no access to the mailbox.
	 */
	APP_NOT_ALLOWED,

	/** Exchange Online answered {@code 535 5.7.139}: SMTP AUTH (SmtpClientAuthentication) is off for the mailbox. */
	SMTP_AUTH_DISABLED,

	/** Google: {@code unauthorized_client}, domain-wide delegation not granted for scope https://mail.google.com/. */
	GOOGLE_DELEGATION_MISSING,

	/** Google: {@code invalid_grant}, the mailbox does not exist in the domain, or the clock is off. */
	GOOGLE_INVALID_GRANT,

	/** Google: {@code invalid_grant} "Invalid JWT Signature" and the like: the key or service account was removed. */
	GOOGLE_KEY_REJECTED,

	/** Gmail refused a token it was given (SMTP {@code 334}/{@code 535} after {@code AUTH XOAUTH2}). */
	GOOGLE_TOKEN_REJECTED,

	/** The stored service-account key is not a usable JSON key (checked before anything is sent). */
	INVALID_KEY_FILE,

	/** The token endpoint could not be reached, or answered 5xx/429: trying again later may help. */
	TOKEN_ENDPOINT_UNREACHABLE,

	/** The token endpoint did not answer within {@code salaronline.mail.oauth2.timeout}. */
	TOKEN_ENDPOINT_TIMEOUT,

	/**
	 * The token endpoint answered, but not as a token endpoint does: 404, a server error (5xx), or no JSON. Not the
	 * level's settings: an outage, a proxy in between, or a request the endpoint could not read. Transient, so the
	 * level's mails wait and are tried again; this is the problem that stalls a level once levels can stall. The
	 * explanation names the provider ({0}) and the HTTP status ({1}).
	 */
	TOKEN_ENDPOINT_FAULT,

	/** Any other refusal; the provider's error code says more. */
	TOKEN_REFUSED;

	private static final Pattern ENHANCED_STATUS = Pattern.compile("^5\\d\\d[ -](5\\.7\\.\\d+)");

	private static final Pattern GOOGLE_ERROR_CHALLENGE = Pattern.compile("^334 ([A-Za-z0-9+/=]+)\\s*$");

	public String messageKey() {
		return "smtp.oauth2." + name();
	}

	/** Whether trying again later may help (unlike a refusal, which needs a change of the settings). */
	public boolean isTransient() {
		return this == TOKEN_ENDPOINT_UNREACHABLE || this == TOKEN_ENDPOINT_TIMEOUT || this == TOKEN_ENDPOINT_FAULT;
	}

	/**
	 * What an SMTP server's refusal of an XOAUTH2 token means, when it says something specific.
	 * @param method how the level signs in
	 * @param reply the server's reply to {@code AUTH XOAUTH2}, e.g. {@code 535 5.7.139 Authentication unsuccessful,
	 * SmtpClientAuthentication is disabled for the Mailbox}; Gmail's {@code 334 <base64 JSON>} error challenge too
	 * @return the problem, or empty when the reply says nothing beyond "authentication failed"
	 */
	public static Optional<SmtpOAuth2Problem> ofSmtpReply(SmtpAuthMethod method, String reply) {
		if (reply == null || method == SmtpAuthMethod.PASSWORD) {
			return Optional.empty();
		}
		String trimmed = reply.strip();
		if (method == SmtpAuthMethod.GOOGLE_OAUTH2) {
			boolean refused = trimmed.startsWith("535") || googleErrorChallenge(trimmed).isPresent();
			return refused ? Optional.of(GOOGLE_TOKEN_REJECTED) : Optional.empty();
		}
		Matcher status = ENHANCED_STATUS.matcher(trimmed);
		if (!status.find()) {
			return Optional.empty();
		}
		return switch (status.group(1)) {
			case "5.7.139" -> Optional.of(SMTP_AUTH_DISABLED);
			case "5.7.3" -> Optional.of(APP_NOT_ALLOWED);
			default -> Optional.empty();
		};
	}

	/**
	 * Gmail answers a refused XOAUTH2 token with {@code 334} and a base64 JSON error such as
	 * {@code {"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}} (Angus Mail then throws
	 * "OAUTH2 asked for more"; the reply is still in {@code SMTPTransport.getLastServerResponse()}).
	 * @return the decoded JSON, for the log and the screen
	 */
	public static Optional<String> googleErrorChallenge(String reply) {
		if (reply == null) {
			return Optional.empty();
		}
		Matcher challenge = GOOGLE_ERROR_CHALLENGE.matcher(reply.strip());
		if (!challenge.matches()) {
			return Optional.empty();
		}
		try {
			String json = new String(Base64.getDecoder().decode(challenge.group(1)), StandardCharsets.UTF_8);
			return json.startsWith("{") ? Optional.of(json) : Optional.empty();
		}
		catch (IllegalArgumentException notBase64) {
			return Optional.empty();
		}
	}

}
