package nl.salaronline.smtp.oauth2;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import nl.salaronline.smtp.SmtpAccessTokenException;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpOAuth2Problem;
import nl.salaronline.smtp.SmtpServer;

/**
 * Microsoft 365: the client-credentials grant of the app registration (Tenant-ID, Client-ID, Clientgeheim) against
 * the tenant's token endpoint, for Exchange Online's {@code .default} scope. The token is the app's own; Exchange
 * lets it send as the mailbox named in {@code AUTH XOAUTH2} when the app has SMTP.SendAsApp and mailbox access.
 */
class MicrosoftClientCredentialsGrant implements Grant {

	private static final Logger log = LoggerFactory.getLogger(MicrosoftClientCredentialsGrant.class);

	/** A directory id (GUID) or a verified domain: nothing else may go into the token endpoint's path. */
	private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?");

	private final OAuth2Properties.Microsoft settings;

	private final TokenEndpoint endpoint;

	MicrosoftClientCredentialsGrant(OAuth2Properties.Microsoft settings, TokenEndpoint endpoint) {
		this.settings = settings;
		this.endpoint = endpoint;
	}

	@Override
	public IssuedToken fetch(SmtpServer server) throws SmtpAccessTokenException {
		SmtpCredentials.MicrosoftOAuth2 credentials = (SmtpCredentials.MicrosoftOAuth2) server.credentials();
		String tenant = credentials.tenantId() == null ? "" : credentials.tenantId().strip();
		if (!TENANT.matcher(tenant).matches()) {
			throw new SmtpAccessTokenException("Tenant-ID is neither a directory id nor a domain name", null,
					SmtpOAuth2Problem.UNKNOWN_TENANT, null);
		}
		URI tokenUri = UriComponentsBuilder.fromUriString(settings.tokenUri())
			.buildAndExpand(Map.of("tenant", tenant))
			.encode()
			.toUri();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", credentials.clientId());
		form.add("client_secret", credentials.clientSecret());
		form.add("scope", settings.scope());
		try {
			return endpoint.request(tokenUri, form);
		}
		catch (TokenRefusal refused) {
			if (refused.isFault()) {
				SmtpAccessTokenException fault = refused.fault("Microsoft", tokenUri);
				log.warn(fault.getMessage() + " (client " + credentials.clientId() + " of tenant " + tenant + ")");
				throw fault;
			}
			String providerError = refused.errorCodes().isEmpty() ? orStatus(refused) : refused.errorCodes().get(0);
			String description = Secrets.scrub(refused.description(), credentials.clientSecret());
			String message = "Microsoft token endpoint " + tokenUri.getHost() + " refused client "
					+ credentials.clientId() + " of tenant " + tenant + ": HTTP " + refused.status() + " "
					+ refused.error() + " " + (description == null ? "" : description);
			log.warn(message);
			throw new SmtpAccessTokenException(message, providerError, problem(refused), null);
		}
	}

	/** Microsoft's AADSTS codes first (they tell apart what {@code invalid_client} lumps together). */
	static SmtpOAuth2Problem problem(TokenRefusal refused) {
		for (String code : refused.errorCodes()) {
			switch (code) {
				case "AADSTS90002", "AADSTS900023", "AADSTS90013":
					return SmtpOAuth2Problem.UNKNOWN_TENANT;
				case "AADSTS700016":
					return SmtpOAuth2Problem.UNKNOWN_APPLICATION;
				case "AADSTS7000215":
					return SmtpOAuth2Problem.WRONG_CLIENT_SECRET;
				case "AADSTS7000222":
					return SmtpOAuth2Problem.EXPIRED_CLIENT_SECRET;
				default:
			}
		}
		if (refused.isTemporary()) {
			return SmtpOAuth2Problem.TOKEN_ENDPOINT_UNREACHABLE;
		}
		if ("invalid_client".equals(refused.error())) {
			return SmtpOAuth2Problem.WRONG_CLIENT_SECRET;
		}
		if ("unauthorized_client".equals(refused.error())) {
			return SmtpOAuth2Problem.UNKNOWN_APPLICATION;
		}
		return SmtpOAuth2Problem.TOKEN_REFUSED;
	}

	private static String orStatus(TokenRefusal refused) {
		return refused.error() != null ? refused.error() : "HTTP " + refused.status();
	}

}
