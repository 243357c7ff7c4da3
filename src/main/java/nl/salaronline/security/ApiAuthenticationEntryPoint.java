package nl.salaronline.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * The API's answer to a missing or refused login: 401 with the Basic challenge, the same for every reason (unknown
 * name, wrong password, a user who is not a service user), or 429 with Retry-After for an address that failed too
 * often.
 */
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();

	ApiAuthenticationEntryPoint(String realm) {
		basic.setRealmName(realm);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		if (!(exception instanceof ApiLoginThrottledException throttled)) {
			basic.commence(request, response, exception);
			return;
		}
		long seconds = throttled.retryAfterSeconds();
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
					+ "\"detail\":\"Too many failed logins from this address; try again in " + seconds
					+ " seconds.\"}");
	}

}
