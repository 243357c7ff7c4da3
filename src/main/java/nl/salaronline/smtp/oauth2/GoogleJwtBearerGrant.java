package nl.salaronline.smtp.oauth2;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import nl.salaronline.smtp.SmtpAccessTokenException;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpOAuth2Problem;
import nl.salaronline.smtp.SmtpServer;

/**
 * Google Workspace: the JWT-bearer grant (RFC 7523 section 2.1) of a service account with domain-wide delegation,
 * impersonating the mailbox in SMTP Gebruikersnaam. The assertion is signed RS256 with the key file's private key
 * by Nimbus JOSE+JWT (the JOSE library Spring Security itself uses), not by hand.
 */
class GoogleJwtBearerGrant implements Grant {

	static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	private static final Logger log = LoggerFactory.getLogger(GoogleJwtBearerGrant.class);

	/** Google accepts assertions of at most one hour; its own client libraries ask for exactly that. */
	private static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

	private final OAuth2Properties.Google settings;

	private final TokenEndpoint endpoint;

	private final Clock clock;

	GoogleJwtBearerGrant(OAuth2Properties.Google settings, TokenEndpoint endpoint, Clock clock) {
		this.settings = settings;
		this.endpoint = endpoint;
		this.clock = clock;
	}

	@Override
	public IssuedToken fetch(SmtpServer server) throws SmtpAccessTokenException {
		SmtpCredentials.GoogleOAuth2 credentials = (SmtpCredentials.GoogleOAuth2) server.credentials();
		ServiceAccountKey key = ServiceAccountKey.parse(credentials.serviceAccountKeyJson());
		URI tokenUri = URI.create(settings.tokenUri());
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", GRANT_TYPE);
		String assertion = assertion(key, server.username());
		form.add("assertion", assertion);
		try {
			return endpoint.request(tokenUri, form);
		}
		catch (TokenRefusal refused) {
			if (refused.isFault()) {
				SmtpAccessTokenException fault = refused.fault("Google", tokenUri);
				log.warn(fault.getMessage() + " (service account " + key.clientEmail() + ")");
				throw fault;
			}
			String error = refused.error() != null ? refused.error() : "HTTP " + refused.status();
			String description = Secrets.scrub(refused.description(), assertion);
			String providerError = description == null ? error : error + ": " + description;
			String message = "Google token endpoint " + tokenUri.getHost() + " refused service account "
					+ key.clientEmail() + " for mailbox " + server.username() + ": HTTP " + refused.status() + " "
					+ providerError;
			log.warn(message);
			throw new SmtpAccessTokenException(message, providerError, problem(refused), null);
		}
	}

	private String assertion(ServiceAccountKey key, String mailbox) throws SmtpAccessTokenException {
		Instant now = clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(key.clientEmail())
			.subject(mailbox)
			.audience(settings.tokenUri())
			.claim("scope", settings.scope())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
			.build();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
			.keyID(key.privateKeyId())
			.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new RSASSASigner(key.privateKey()));
		}
		catch (JOSEException ex) {
			// e.g. a key shorter than 2048 bits; the exception's message does not contain the key
			throw new SmtpAccessTokenException("Service account key cannot sign: " + ex.getMessage(), null,
					SmtpOAuth2Problem.INVALID_KEY_FILE, null);
		}
		return jwt.serialize();
	}

	static SmtpOAuth2Problem problem(TokenRefusal refused) {
		if (refused.isTemporary()) {
			return SmtpOAuth2Problem.TOKEN_ENDPOINT_UNREACHABLE;
		}
		String description = refused.description() == null ? "" : refused.description().toLowerCase(Locale.ROOT);
		if ("unauthorized_client".equals(refused.error())) {
			return SmtpOAuth2Problem.GOOGLE_DELEGATION_MISSING;
		}
		if ("invalid_client".equals(refused.error())) {
			return SmtpOAuth2Problem.GOOGLE_KEY_REJECTED;
		}
		if ("invalid_grant".equals(refused.error())) {
			// "Invalid JWT Signature." (key deleted), "account not found" (service account deleted)
			if (description.contains("signature") || description.contains("account not found")) {
				return SmtpOAuth2Problem.GOOGLE_KEY_REJECTED;
			}
			// "Invalid email or User ID", "Invalid JWT: Token must be a short-lived token ... iat and exp ..."
			return SmtpOAuth2Problem.GOOGLE_INVALID_GRANT;
		}
		return SmtpOAuth2Problem.TOKEN_REFUSED;
	}

}
