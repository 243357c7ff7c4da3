package nl.salaronline.security;

import java.io.IOException;
import java.util.Arrays;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API is stateless, yet a browser (or a client that keeps cookies) may send a screen session's cookie along. Spring
 * MVC looks for flash attributes in the session on every request, and with the sessions in the database (SPEC section
 * 11) that would be a session lookup per API request. So {@code /api/**} requests reach Spring Session without the
 * session cookie: they never read, touch or extend a screen session.
 */
@Configuration(proxyBeanMethods = false)
class ApiWithoutSessionCookie {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> apiWithoutSessionCookieFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				chain.doFilter(new WithoutSessionCookie(request), response);
			}
		});
		registration.addUrlPatterns("/api/*");
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
	}

	private static final class WithoutSessionCookie extends HttpServletRequestWrapper {

		WithoutSessionCookie(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Cookie[] getCookies() {
			Cookie[] cookies = super.getCookies();
			return cookies == null ? null
					: Arrays.stream(cookies).filter(cookie -> !"JSESSIONID".equals(cookie.getName())).toArray(Cookie[]::new);
		}

	}

}
