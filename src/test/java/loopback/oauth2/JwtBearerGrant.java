package loopback.oauth2;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * The JWT-bearer authorization grant (RFC 7523 section 2.1) the way Google's token endpoint serves service accounts
 * with domain-wide delegation. Spring Authorization Server 7.0 has no such grant, so this adds one through its
 * extension points. The assertion's signature was verified during client authentication
 * ({@link ServiceAccountAssertionAuthentication}); here its claims are checked with Google's documented answers:
 * audience = this token endpoint, at most one hour between iat and exp, a known mailbox as subject, and scopes
 * covered by the delegation (the client's registered scopes).
 */
final class JwtBearerGrant {

	private static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);

	private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

	private JwtBearerGrant() {
	}

	/** The users of the Google Workspace domain. */
	static final class Users {

		private final Set<String> mailboxes = ConcurrentHashMap.newKeySet();

		void add(String mailbox) {
			mailboxes.add(mailbox);
		}

		boolean contains(String mailbox) {
			return mailbox != null && mailboxes.contains(mailbox);
		}

	}

	static final class Request extends OAuth2AuthorizationGrantAuthenticationToken {

		private final String assertion;

		Request(Authentication clientPrincipal, String assertion) {
			super(AuthorizationGrantType.JWT_BEARER, clientPrincipal, Map.of());
			this.assertion = assertion;
		}

		String assertion() {
			return assertion;
		}

	}

	static final class Converter implements AuthenticationConverter {

		@Override
		public Authentication convert(HttpServletRequest request) {
			if (!AuthorizationGrantType.JWT_BEARER.getValue().equals(request.getParameter("grant_type"))) {
				return null;
			}
			String assertion = request.getParameter("assertion");
			if (assertion == null) {
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
			}
			return new Request(SecurityContextHolder.getContext().getAuthentication(), assertion);
		}

	}

	static final class Provider implements AuthenticationProvider {

		private final OAuth2AuthorizationService authorizations;

		private final OAuth2TokenGenerator<?> tokenGenerator;

		private final Users users;

		Provider(OAuth2AuthorizationService authorizations, OAuth2TokenGenerator<?> tokenGenerator, Users users) {
			this.authorizations = authorizations;
			this.tokenGenerator = tokenGenerator;
			this.users = users;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			Request request = (Request) authentication;
			if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
					|| !client.isAuthenticated()) {
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
			}
			RegisteredClient registeredClient = client.getRegisteredClient();
			if (!registeredClient.getAuthorizationGrantTypes().contains(AuthorizationGrantType.JWT_BEARER)) {
				throw error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "Client may not use this grant.");
			}
			JWTClaimsSet claims = claims(request.assertion());
			String tokenEndpoint = AuthorizationServerContextHolder.getContext().getIssuer()
					+ AuthorizationServerContextHolder.getContext().getAuthorizationServerSettings().getTokenEndpoint();
			if (!List.of(tokenEndpoint).equals(claims.getAudience())) {
				throw error(OAuth2ErrorCodes.INVALID_GRANT, "Invalid JWT: Failed audience check.");
			}
			checkTimeframe(claims.getIssueTime(), claims.getExpirationTime());
			String mailbox = claims.getSubject();
			if (!users.contains(mailbox)) {
				throw error(OAuth2ErrorCodes.INVALID_GRANT, "Invalid email or User ID");
			}
			Set<String> scopes = scopes(claims);
			if (scopes.isEmpty()) {
				throw error(OAuth2ErrorCodes.INVALID_SCOPE, "Empty or missing scope not allowed.");
			}
			if (!registeredClient.getScopes().containsAll(scopes)) {
				throw error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "Client is unauthorized to retrieve access tokens "
						+ "using this method, or client not authorized for any of the scopes requested.");
			}
			return issue(client, registeredClient, mailbox, scopes, request);
		}

		private Authentication issue(OAuth2ClientAuthenticationToken client, RegisteredClient registeredClient,
				String mailbox, Set<String> scopes, Request request) {
			Authentication impersonated = UsernamePasswordAuthenticationToken.authenticated(mailbox, null, List.of());
			OAuth2TokenContext context = DefaultOAuth2TokenContext.builder()
				.registeredClient(registeredClient)
				.principal(impersonated)
				.authorizationServerContext(AuthorizationServerContextHolder.getContext())
				.authorizedScopes(scopes)
				.tokenType(OAuth2TokenType.ACCESS_TOKEN)
				.authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
				.authorizationGrant(request)
				.build();
			OAuth2Token generated = tokenGenerator.generate(context);
			if (generated == null) {
				throw error(OAuth2ErrorCodes.SERVER_ERROR, "The token generator failed.");
			}
			OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
					generated.getTokenValue(), generated.getIssuedAt(), generated.getExpiresAt(), scopes);
			OAuth2Authorization authorization = OAuth2Authorization.withRegisteredClient(registeredClient)
				.principalName(mailbox)
				.authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
				.authorizedScopes(scopes)
				.token(accessToken, metadata -> {
					if (generated instanceof ClaimAccessor claimAccessor) {
						metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claimAccessor.getClaims());
					}
					metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, false);
				})
				.build();
			authorizations.save(authorization);
			return new OAuth2AccessTokenAuthenticationToken(registeredClient, client, accessToken);
		}

		private static JWTClaimsSet claims(String assertion) {
			try {
				return SignedJWT.parse(assertion).getJWTClaimsSet();
			}
			catch (ParseException ex) {
				throw error(OAuth2ErrorCodes.INVALID_GRANT, "Invalid JWT.");
			}
		}

		private static void checkTimeframe(Date issuedAt, Date expiresAt) {
			Instant now = Instant.now();
			boolean reasonable = issuedAt != null && expiresAt != null
					&& Duration.between(issuedAt.toInstant(), expiresAt.toInstant()).compareTo(MAX_ASSERTION_LIFETIME) <= 0
					&& issuedAt.toInstant().isBefore(now.plus(CLOCK_SKEW)) && expiresAt.toInstant().isAfter(now);
			if (!reasonable) {
				throw error(OAuth2ErrorCodes.INVALID_GRANT, "Invalid JWT: Token must be a short-lived token "
						+ "(60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
			}
		}

		private static Set<String> scopes(JWTClaimsSet claims) {
			Object scope = claims.getClaim("scope");
			return (scope instanceof String text && !text.isBlank()) ? new LinkedHashSet<>(List.of(text.split(" ")))
					: Set.of();
		}

		private static OAuth2AuthenticationException error(String code, String description) {
			return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return Request.class.isAssignableFrom(authentication);
		}

	}

}
