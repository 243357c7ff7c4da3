package loopback.oauth2;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The authorization server's beans. No auto-configuration: the context holds exactly this, so the application's
 * properties (database, mail, jasypt) found on the test class path have no effect on it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class AuthorizationServerConfig {

	/** Entra's path; with several issuers allowed, {@code /{tenant}} (or {@code /google}) comes before it. */
	static final String TOKEN_ENDPOINT = "/oauth2/v2.0/token";

	@Bean
	TomcatServletWebServerFactory webServerFactory() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		factory.setAddress(InetAddress.getLoopbackAddress());
		return factory;
	}

	/** Tomcat runs filters only for requests some servlet is mapped to; the endpoints are all filters. */
	@Bean
	ServletRegistrationBean<HttpServlet> notFound() {
		return new ServletRegistrationBean<>(new HttpServlet() {

			@Override
			protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
				response.sendError(HttpServletResponse.SC_NOT_FOUND);
			}

		}, "/*");
	}

	@Bean
	FrontDoorFilter frontDoorFilter() {
		return new FrontDoorFilter();
	}

	@Bean
	FilterRegistrationBean<FrontDoorFilter> frontDoorRegistration(FrontDoorFilter frontDoor) {
		FilterRegistrationBean<FrontDoorFilter> registration = new FilterRegistrationBean<>(frontDoor);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	InMemoryRegisteredClientRepository registeredClients() {
		// the SMTP server's own client, for introspection
		return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(LoopbackAuthorizationServer.RESOURCE_SERVER_ID)
			.clientSecret("{noop}" + LoopbackAuthorizationServer.RESOURCE_SERVER_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.build());
	}

	@Bean
	OAuth2AuthorizationService authorizations() {
		return new InMemoryOAuth2AuthorizationService();
	}

	@Bean
	JWKSource<SecurityContext> jwkSource() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keyPair = generator.generateKeyPair();
		RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
			.privateKey((RSAPrivateKey) keyPair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(JWKSource<SecurityContext> jwkSource) {
		return new DelegatingOAuth2TokenGenerator(new JwtGenerator(new NimbusJwtEncoder(jwkSource)),
				new OAuth2AccessTokenGenerator());
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings() {
		return AuthorizationServerSettings.builder().multipleIssuersAllowed(true).tokenEndpoint(TOKEN_ENDPOINT).build();
	}

	@Bean
	JwtBearerGrant.Users googleUsers() {
		return new JwtBearerGrant.Users();
	}

	@Bean
	SecurityFilterChain authorizationServer(HttpSecurity http, InMemoryRegisteredClientRepository clients,
			OAuth2AuthorizationService authorizations, OAuth2TokenGenerator<?> tokenGenerator,
			JwtBearerGrant.Users users) throws Exception {
		http.oauth2AuthorizationServer(server -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.registeredClientRepository(clients)
				.authorizationService(authorizations)
				.tokenGenerator(tokenGenerator)
				.clientAuthentication(clientAuthentication -> clientAuthentication
					.authenticationConverter(new ServiceAccountAssertionAuthentication.Converter())
					.authenticationProvider(new ServiceAccountAssertionAuthentication.Provider(clients))
					.errorResponseHandler(ServiceAccountAssertionAuthentication::writeError))
				.tokenEndpoint(tokenEndpoint -> tokenEndpoint
					.accessTokenRequestConverter(new JwtBearerGrant.Converter())
					.authenticationProvider(new JwtBearerGrant.Provider(authorizations, tokenGenerator, users)));
		});
		http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
		return http.build();
	}

}
