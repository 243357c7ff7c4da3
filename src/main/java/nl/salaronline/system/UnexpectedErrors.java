package nl.salaronline.system;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * The last word on an exception no other resolver handled (Spring's own ones have turned bad requests into 4xx
 * before this runs): it is logged once at ERROR with a short random reference, and the user sees that reference, on
 * the Dutch error page ("Vermeld referentie ...") or in the API's {@code problem+json}, so support can find the log
 * line. Nothing about the exception itself is shown. Exceptions outside a controller (a filter, rendering) reach
 * {@link ReferencedErrorAttributes}, which does the same. Spring Security's exceptions are left to its filters.
 */
class UnexpectedErrors implements HandlerExceptionResolver, Ordered {

	/** The request attribute that holds the reference once one is given, so no error is logged twice. */
	static final String REFERENCE = UnexpectedErrors.class.getName() + ".reference";

	private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException || response.isCommitted()) {
			return null;
		}
		String reference = logged(request, ex);
		response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
		if (isApi(request)) {
			try {
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding("UTF-8");
				// the reference is hex: nothing to escape
				response.getWriter().write("""
						{"type":"about:blank","title":"Internal Server Error","status":500,\
						"detail":"An unexpected error occurred. Quote reference %s when you contact SalarOnline.",\
						"reference":"%s"}""".formatted(reference, reference));
			}
			catch (IOException writeFailed) {
				log.debug("Could not write the error answer of {}", reference, writeFailed);
			}
			return new ModelAndView();
		}
		ModelAndView page = new ModelAndView("error", Map.of("status", 500, "reference", reference));
		page.setStatus(HttpStatus.INTERNAL_SERVER_ERROR);
		return page;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** Logs the exception at ERROR with a new reference, once per request, and returns the reference. */
	static String logged(HttpServletRequest request, Throwable ex) {
		Object given = request.getAttribute(REFERENCE);
		if (given instanceof String reference) {
			return reference;
		}
		String reference = newReference();
		request.setAttribute(REFERENCE, reference);
		// on the container's error page the request is /error: the original path is an attribute
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		log.error("Unexpected error, reference {}, on {} {}", reference, request.getMethod(),
				path != null ? path : request.getRequestURI(), ex);
		return reference;
	}

	/** 8 hex characters: short enough to read out on the phone, random enough not to repeat in a day's log. */
	static String newReference() {
		byte[] bytes = new byte[4];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static boolean isApi(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/api/");
	}

}
