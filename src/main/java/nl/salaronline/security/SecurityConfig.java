package nl.salaronline.security;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import nl.salaronline.account.AppUserRepository;
import nl.salaronline.account.Role;

/**
 * Two entrances. {@code /api/**}: HTTP Basic, stateless, SERVICE users only. Everything else: the Dutch login form
 * with CSRF-protected sessions, for ACCOUNTANT and ADMIN users.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

	private static final String API_REALM = "SalarOnline API";

	/** How long the API reuses a failure count it read (below the API's shortest wait of 1 second). */
	private static final Duration API_COUNTS_MAX_AGE = Duration.ofMillis(500);

	/**
	 * No Micrometer observations of Spring Security's own: with the actuator present, Spring Security wraps every
	 * filter of every chain in an observation, for every request. Switching the observations off by property
	 * ({@code management.observations.enable.spring.security=false}) made them no-ops but left every filter wrapped;
	 * these settings leave the filters as they are. Requests are still timed as a whole
	 * ({@code http.server.requests}), and failed logins still recorded by {@link LoginAttempts}.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Failed logins of both entrances, forgotten {@code login-lockout} after the last one; in the database, so that
	 * every instance counts them all (SPEC section 11).
	 */
	@Bean
	LoginAttempts loginAttempts(JdbcClient jdbc,
			@Value("${salaronline.security.login-lockout:PT5M}") Duration lockout) {
		return new DatabaseLoginAttempts(jdbc, lockout, Clock.systemUTC());
	}

	@Bean
	ApiAuthenticationProvider apiAuthenticationProvider(AppUserRepository users,
			PasswordEncoder passwordEncoder, LoginAttempts attempts,
			@Value("${salaronline.security.service-login-cache:PT1M}") Duration cacheTtl,
			@Value("${salaronline.security.api-max-failures:10}") int maxFailures,
			@Value("${salaronline.security.api-max-delay:PT1M}") Duration maxDelay) {
		// only service users: a screen user's right password gets the same 401 as a wrong one
		return new ApiAuthenticationProvider(new AppUserDetailsService(users, EnumSet.of(Role.SERVICE)),
				passwordEncoder, cacheTtl, new ApiLoginThrottle(new RecentlyReadLoginAttempts(attempts, API_COUNTS_MAX_AGE),
						maxFailures, maxDelay, Clock.systemUTC()),
				Clock.systemUTC());
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiAuthenticationProvider apiUsers)
			throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().hasRole(Role.SERVICE.name()))
			.httpBasic(basic -> basic.authenticationEntryPoint(new ApiAuthenticationEntryPoint(API_REALM))
				// the client address only: the default details ask for the session, and a browser's session cookie
				// sent along would then cost the API a session lookup in the database on every request
				.authenticationDetailsSource(request -> new WebAuthenticationDetails(request.getRemoteAddr(), null)))
			.authenticationManager(new ProviderManager(apiUsers))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable()) // stateless Basic: no cookie a browser could replay
			.requestCache(cache -> cache.disable());
		return http.build();
	}

	@Bean
	LoginThrottle loginThrottle(LoginAttempts attempts,
			@Value("${salaronline.security.login-max-failures:5}") int maxFailures,
			@Value("${salaronline.security.login-lockout:PT5M}") Duration lockout,
			@Value("${salaronline.security.login-max-delay:PT5S}") Duration maxDelay) {
		return new LoginThrottle(attempts, maxFailures, lockout, maxDelay);
	}

	@Bean
	@Order(2)
	SecurityFilterChain screenSecurity(HttpSecurity http, AppUserRepository users, PasswordEncoder passwordEncoder,
			LoginThrottle throttle) throws Exception {
		DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(
				new AppUserDetailsService(users, EnumSet.of(Role.ACCOUNTANT, Role.ADMIN)));
		passwordCheck.setPasswordEncoder(passwordEncoder);
		ThrottledAuthenticationProvider screenUsers = new ThrottledAuthenticationProvider(passwordCheck, throttle,
				duration -> Thread.sleep(duration.toMillis()));
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
			.requestMatchers("/admin/**", "/actuator/**").hasRole(Role.ADMIN.name())
			.requestMatchers("/gebruiker/**", "/werkgever/**").hasRole(Role.ACCOUNTANT.name())
			.anyRequest().authenticated())
			.authenticationManager(new ProviderManager(screenUsers))
			.formLogin(form -> form.loginPage("/login")
				.defaultSuccessUrl("/", true)
				.failureHandler((request, response, exception) -> response.sendRedirect(request.getContextPath()
						+ (exception instanceof LockedException ? "/login?locked" : "/login?error")))
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
				.invalidateHttpSession(true).deleteCookies("JSESSIONID"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

}
