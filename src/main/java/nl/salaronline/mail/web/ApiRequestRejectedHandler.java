package nl.salaronline.mail.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Spring Security's firewall refuses a request whose headers hold control characters before any controller sees it.
 * On the API that refusal is a problem+json naming the header when it is the {@code Idempotency-Key} (the one header
 * an integrator composes); everywhere else it stays the firewall's plain {@code 400}.
 */
@Component
class ApiRequestRejectedHandler implements RequestRejectedHandler {

	private final RequestRejectedHandler plain = new HttpStatusRequestRejectedHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException, ServletException {
		if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			plain.handle(request, response, rejected);
			return;
		}
		String key = request.getHeader(IdempotentPosts.HEADER);
		boolean badKey = key != null && key.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write(badKey ? "{\"type\":\"about:blank\",\"title\":\"Invalid Idempotency-Key\",\"status\":400,"
					+ "\"detail\":\"The Idempotency-Key must be 1 to 255 printable ASCII characters.\",\"errors\":"
					+ "[{\"field\":\"Idempotency-Key\",\"message\":\"must be 1 to 255 printable ASCII characters\"}]}"
					: "{\"type\":\"about:blank\",\"title\":\"Request rejected\",\"status\":400,"
							+ "\"detail\":\"The request holds characters that are not allowed in its path or headers.\"}");
	}

}
