package loopback.oauth2;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Authorization Server on 127.0.0.1 and a random port, started and stopped by a test.
 * <ul>
 * <li>Microsoft-style token endpoint {@code /{tenant}/oauth2/v2.0/token} ({@link #microsoftTokenUri()}): the
 * client-credentials grant of apps registered with {@link #registerMicrosoftApp}, checked and refused the way Entra
 * does (a chunked body gets 404, errors come with AADSTS codes; see {@link EntraTokenRules}).</li>
 * <li>Google-style token endpoint ({@link #googleTokenUri()}): the JWT-bearer grant of service accounts registered
 * with {@link #registerServiceAccount}, verifying the RS256 assertion against the account's public key and the
 * domain-wide delegation of its scopes for mailboxes added with {@link #addGoogleMailbox}.</li>
 * <li>{@link #introspect(String)}: RFC 7662 introspection over HTTP, as the SMTP server in the tests uses it.</li>
 * </ul>
 */
public final class LoopbackAuthorizationServer implements AutoCloseable {

	public static final String MICROSOFT_SCOPE = "https://outlook.office365.com/.default";

	public static final String GOOGLE_SCOPE = "https://mail.google.com/";

	static final String RESOURCE_SERVER_ID = "smtp-server";

	static final String RESOURCE_SERVER_SECRET = UUID.randomUUID().toString();

	private final AnnotationConfigServletWebServerApplicationContext context;

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private LoopbackAuthorizationServer(AnnotationConfigServletWebServerApplicationContext context) {
		this.context = context;
		this.baseUrl = "http://127.0.0.1:" + context.getWebServer().getPort();
	}

	public static LoopbackAuthorizationServer start() {
		AnnotationConfigServletWebServerApplicationContext context = new AnnotationConfigServletWebServerApplicationContext();
		context.register(AuthorizationServerConfig.class);
		context.refresh();
		return new LoopbackAuthorizationServer(context);
	}

	/** The value for {@code salaronline.mail.oauth2.microsoft.token-uri}. */
	public String microsoftTokenUri() {
		return baseUrl + "/{tenant}" + AuthorizationServerConfig.TOKEN_ENDPOINT;
	}

	/** The value for {@code salaronline.mail.oauth2.google.token-uri}. */
	public String googleTokenUri() {
		return baseUrl + "/" + FrontDoorFilter.GOOGLE + AuthorizationServerConfig.TOKEN_ENDPOINT;
	}

	/**
	 * Registers an app in a tenant (making the tenant known), like an Entra app registration with a client secret.
	 * @param tokenLifetime lifetime of the access tokens it gets (at least one second)
	 */
	public MicrosoftApp registerMicrosoftApp(String tenantId, Duration tokenLifetime) {
		String clientId = UUID.randomUUID().toString();
		String secret = "secret~" + UUID.randomUUID();
		bean(FrontDoorFilter.class).entra().registerApp(tenantId, clientId, secret);
		bean(InMemoryRegisteredClientRepository.class).save(RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientSecret("{noop}" + secret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(MICROSOFT_SCOPE)
			.tokenSettings(tokenSettings(tokenLifetime))
			.build());
		return new MicrosoftApp(tenantId, clientId, secret);
	}

	/**
	 * Registers a service account whose key signs its assertions, with domain-wide delegation for the given scopes
	 * (none: delegation not granted).
	 */
	public void registerServiceAccount(String clientEmail, RSAPublicKey publicKey, Duration tokenLifetime,
			String... delegatedScopes) {
		RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientEmail)
			.clientAuthenticationMethod(ServiceAccountAssertionAuthentication.METHOD)
			.authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
			.clientSettings(ClientSettings.builder()
				.setting(ServiceAccountAssertionAuthentication.PUBLIC_KEY_SETTING, publicKey)
				.build())
			.tokenSettings(tokenSettings(tokenLifetime));
		for (String scope : delegatedScopes) {
			client.scope(scope);
		}
		bean(InMemoryRegisteredClientRepository.class).save(client.build());
	}

	/** A user of the Google Workspace domain, whom a service account with delegation may impersonate. */
	public void addGoogleMailbox(String mailbox) {
		bean(JwtBearerGrant.Users.class).add(mailbox);
	}

	/** The app's client secret has expired: Entra answers AADSTS7000222 from now on. */
	public void expireClientSecret(String clientId) {
		bean(FrontDoorFilter.class).entra().expireSecret(clientId);
	}

	/**
	 * The next {@code times} token requests for this tenant get this answer instead of Entra's, as from a proxy in
	 * between or during an outage.
	 */
	public void failMicrosoftTokenRequests(String tenantId, int times, int status, String contentType, String body) {
		bean(FrontDoorFilter.class).outage(tenantId, times, status, contentType, body);
	}

	/** The tenant's token requests get Entra's answers again. */
	public void endMicrosoftOutage(String tenantId) {
		bean(FrontDoorFilter.class).outage(tenantId, 0, 200, "text/plain", "");
	}

	/** Every token request so far (Microsoft's and Google's), with its headers as they arrived. */
	public List<TokenRequest> tokenRequests() {
		return bean(FrontDoorFilter.class).recorded();
	}

	/** How many token requests (granted or not) the client made: client_id, or the assertion's issuer. */
	public int tokenRequests(String clientId) {
		return bean(FrontDoorFilter.class).tokenRequests(clientId);
	}

	/** Revokes an access token: introspection says it is no longer active. */
	public void revoke(String accessToken) {
		OAuth2AuthorizationService authorizations = bean(OAuth2AuthorizationService.class);
		OAuth2Authorization authorization = authorizations.findByToken(accessToken, null);
		if (authorization != null) {
			authorizations.remove(authorization);
		}
	}

	/** RFC 7662 introspection over HTTP, authenticated as the SMTP server's own client. */
	public Introspection introspect(String accessToken) {
		String credentials = Base64.getEncoder()
			.encodeToString((RESOURCE_SERVER_ID + ":" + RESOURCE_SERVER_SECRET).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/introspect"))
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder.encode(accessToken,
					StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("introspection answered " + response.statusCode());
			}
			return new Introspection(JsonMapper.shared().readTree(response.body()));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Opaque tokens, checked by introspection: subethasmtp refuses command lines over 998 characters, and an
	 * {@code AUTH XOAUTH2} line with a JWT access token is longer (Exchange Online accepts such lines; RFC 4954
	 * allows 12288 octets). Google's own access tokens are opaque too.
	 */
	private static TokenSettings tokenSettings(Duration tokenLifetime) {
		return TokenSettings.builder()
			.accessTokenFormat(OAuth2TokenFormat.REFERENCE)
			.accessTokenTimeToLive(tokenLifetime)
			.build();
	}

	private <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	@Override
	public void close() {
		context.close();
	}

	public record MicrosoftApp(String tenantId, String clientId, String clientSecret) {
	}

	/**
	 * A token request as it arrived.
	 * @param tenant the path's tenant, or {@code google}
	 * @param client the client id, or the assertion's issuer
	 * @param headers header names in lower case, each with its values
	 */
	public record TokenRequest(String tenant, String client, Map<String, List<String>> headers) {

		public List<String> header(String name) {
			return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
		}

	}

	/** What the authorization server says about a token. */
	public record Introspection(JsonNode claims) {

		public boolean active() {
			return claims.path("active").asBoolean(false);
		}

		public String subject() {
			return claims.path("sub").asString(null);
		}

		public String clientId() {
			return claims.path("client_id").asString(null);
		}

		public Set<String> scopes() {
			String scope = claims.path("scope").asString("");
			return scope.isBlank() ? Set.of() : Set.of(scope.split(" "));
		}

	}

}
