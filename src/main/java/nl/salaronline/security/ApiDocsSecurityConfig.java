package nl.salaronline.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import nl.salaronline.account.Role;

/**
 * The API's description ({@code /v3/api-docs}, {@code /swagger-ui.html}) for service users (HTTP Basic, as on
 * {@code /api/**}, which lets service users only in) and admins (their signed-in screen session); anyone else gets
 * 401 or 403. The page
 * has its own Content-Security-Policy: Swagger UI loads its scripts from here (none inline) but sets inline styles.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsSecurityConfig {

	static final String[] PATHS = { "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
			"/swagger-ui/**" };

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

	@Bean
	@Order(0)
	SecurityFilterChain apiDocsSecurity(HttpSecurity http, ApiAuthenticationProvider apiUsers) throws Exception {
		http.securityMatcher(PATHS)
			.authorizeHttpRequests(
					requests -> requests.anyRequest().hasAnyRole(Role.SERVICE.name(), Role.ADMIN.name()))
			.httpBasic(basic -> basic.realmName("SalarOnline API"))
			.authenticationManager(new ProviderManager(apiUsers))
			// an admin's screen session is read, but a Basic login does not start one
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache(cache -> cache.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

}
