package loopback.oauth2;

import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Client authentication for Google's JWT-bearer grant: the request carries no client credentials, the signed
 * assertion is the credential. The client is the assertion's issuer ({@code client_email}); the RS256 signature is
 * verified with the public key registered for it. Google's answers for a bad assertion are {@code invalid_grant}.
 */
final class ServiceAccountAssertionAuthentication {

	static final ClientAuthenticationMethod METHOD = new ClientAuthenticationMethod("service_account_assertion");

	static final String PUBLIC_KEY_SETTING = "loopback.service-account-public-key";

	private ServiceAccountAssertionAuthentication() {
	}

	/** Writes the error with its description (Spring's default leaves the description out). */
	static void writeError(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		OAuth2Error error = ((OAuth2AuthenticationException) ex).getError();
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		httpResponse.setStatusCode(OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())
				? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
		new OAuth2ErrorHttpMessageConverter().write(error, null, httpResponse);
	}

	static final class Converter implements AuthenticationConverter {

		@Override
		public Authentication convert(HttpServletRequest request) {
			String assertion = request.getParameter("assertion");
			if (!AuthorizationGrantType.JWT_BEARER.getValue().equals(request.getParameter("grant_type"))
					|| assertion == null || request.getParameter("client_id") != null) {
				return null;
			}
			try {
				String issuer = SignedJWT.parse(assertion).getJWTClaimsSet().getIssuer();
				if (issuer == null) {
					throw invalidGrant("Invalid JWT: iss is missing.");
				}
				return new OAuth2ClientAuthenticationToken(issuer, METHOD, assertion, null);
			}
			catch (ParseException ex) {
				throw invalidGrant("Invalid JWT: not a signed JWT.");
			}
		}

	}

	static final class Provider implements AuthenticationProvider {

		private final RegisteredClientRepository clients;

		Provider(RegisteredClientRepository clients) {
			this.clients = clients;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
			if (!METHOD.equals(request.getClientAuthenticationMethod())) {
				return null;
			}
			RegisteredClient client = clients.findByClientId(request.getPrincipal().toString());
			if (client == null) {
				throw invalidGrant("Invalid grant: account not found");
			}
			RSAPublicKey publicKey = client.getClientSettings().getSetting(PUBLIC_KEY_SETTING);
			try {
				SignedJWT assertion = SignedJWT.parse(request.getCredentials().toString());
				if (!JWSAlgorithm.RS256.equals(assertion.getHeader().getAlgorithm()) || publicKey == null
						|| !assertion.verify(new RSASSAVerifier(publicKey))) {
					throw invalidGrant("Invalid JWT Signature.");
				}
			}
			catch (ParseException | JOSEException ex) {
				throw invalidGrant("Invalid JWT Signature.");
			}
			return new OAuth2ClientAuthenticationToken(client, METHOD, request.getCredentials());
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

	static OAuth2AuthenticationException invalidGrant(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, description, null));
	}

}
