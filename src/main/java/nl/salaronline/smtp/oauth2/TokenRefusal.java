package nl.salaronline.smtp.oauth2;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;

import nl.salaronline.smtp.SmtpAccessTokenException;
import nl.salaronline.smtp.SmtpOAuth2Problem;

/**
 * The provider's token endpoint answered, but with no token: a refusal (JSON with an OAuth2 {@code error}) or a fault
 * ({@link #isFault()}).
 * @param status HTTP status
 * @param contentType the answer's media type, or null
 * @param json whether the answer was a JSON object
 * @param error the OAuth2 {@code error} code, or null when the answer had none
 * @param description {@code error_description} (Microsoft's starts with the AADSTS code), or null
 * @param errorCodes Microsoft's AADSTS codes, e.g. {@code AADSTS7000215}; empty for other providers
 */
final class TokenRefusal extends Exception {

	private final int status;

	private final String contentType;

	private final boolean json;

	private final String error;

	private final String description;

	private final List<String> errorCodes;

	TokenRefusal(int status, String contentType, boolean json, String error, String description,
			List<String> errorCodes) {
		super("HTTP " + status + " " + error, null, false, false);
		this.status = status;
		this.contentType = contentType;
		this.json = json;
		this.error = error;
		this.description = description;
		this.errorCodes = List.copyOf(errorCodes);
	}

	int status() {
		return status;
	}

	String error() {
		return error;
	}

	String description() {
		return description;
	}

	List<String> errorCodes() {
		return errorCodes;
	}

	/**
	 * Not an answer of a token endpoint: 404, a server error (5xx) or no JSON. Such an answer says nothing about
	 * the level's credentials (the endpoint did not get to judge them); it comes from an outage, a proxy in
	 * between, or a request the endpoint could not read (Microsoft answers a chunked request with 404).
	 */
	boolean isFault() {
		return status == 404 || status >= 500 || !json;
	}

	/** What came back, e.g. {@code HTTP 404 Not Found (text/html)}: for the log and the token step's reply. */
	String answer() {
		HttpStatus known = HttpStatus.resolve(status);
		return "HTTP " + status + (known != null ? " " + known.getReasonPhrase() : "")
				+ (json || contentType == null ? "" : " (" + contentType + ")");
	}

	/**
	 * This fault as the grant reports it, explained in Dutch with the provider's name and the status (the answer's
	 * body, an HTML page at best, is left out).
	 * @param provider the provider's name as users know it: Microsoft, Google
	 */
	SmtpAccessTokenException fault(String provider, URI tokenUri) {
		return new SmtpAccessTokenException(provider + " token endpoint " + tokenUri.getHost() + " answered "
				+ answer() + " instead of a token", answer(), SmtpOAuth2Problem.TOKEN_ENDPOINT_FAULT,
				List.of(provider, String.valueOf(status)), null);
	}

	/** A server-side or throttling answer: the request may succeed later. */
	boolean isTemporary() {
		return status >= 500 || status == 429 || "temporarily_unavailable".equals(error)
				|| "server_error".equals(error);
	}

}
