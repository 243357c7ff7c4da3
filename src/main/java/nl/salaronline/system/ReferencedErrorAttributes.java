package nl.salaronline.system;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring Boot's error attributes (what {@code /error} renders) with the reference of {@link UnexpectedErrors} for a
 * 500: an exception that escaped outside a controller (a filter, rendering a page) is logged here once at ERROR with
 * its reference, and the Dutch error page shows it.
 */
@Component
class ReferencedErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
		if (Integer.valueOf(500).equals(attributes.get("status"))
				&& webRequest instanceof NativeWebRequest nativeRequest
				&& nativeRequest.getNativeRequest() instanceof HttpServletRequest request) {
			Throwable error = getError(webRequest);
			Object given = request.getAttribute(UnexpectedErrors.REFERENCE);
			if (error != null) {
				attributes.put("reference", UnexpectedErrors.logged(request, error));
			}
			else if (given != null) {
				attributes.put("reference", given);
			}
		}
		return attributes;
	}

}
