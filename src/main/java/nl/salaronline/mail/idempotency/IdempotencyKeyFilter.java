package nl.salaronline.mail.idempotency;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/** Gives a POST with an {@code Idempotency-Key} header a {@link RequestDigest} of its body. */
@Configuration(proxyBeanMethods = false)
class IdempotencyKeyFilter {

	static final String HEADER = "Idempotency-Key";

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> idempotencyDigestFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						boolean keyed = "POST".equals(request.getMethod()) && request.getHeader(HEADER) != null;
						chain.doFilter(keyed ? RequestDigest.attach(request) : request, response);
					}

				});
		registration.addUrlPatterns("/api/v1/mails", "/api/v1/mail-batches");
		return registration;
	}

}
