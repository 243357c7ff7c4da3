package nl.salaronline.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells the layout which part of the app (Gebruiker or Werkgever) a page belongs to, from its path, so the part's
 * Onderhoud menu is shown without every controller having to say so.
 */
@ControllerAdvice
class CurrentPart {

	@ModelAttribute("currentPart")
	String currentPart(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals("/gebruiker") || path.startsWith("/gebruiker/")) {
			return "gebruiker";
		}
		if (path.equals("/werkgever") || path.startsWith("/werkgever/")) {
			return "werkgever";
		}
		return null;
	}

}
