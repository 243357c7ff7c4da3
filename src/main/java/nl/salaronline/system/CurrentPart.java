package nl.salaronline.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import nl.salaronline.layout.LayoutAdvice;

/**
 * Tells the layout which part of the app (Gebruiker or Werkgever) a page belongs to, from its path, so the part's
 * Onderhoud menu is shown without every controller having to say so.
 */
@LayoutAdvice
class CurrentPart {

	// the request from the holder, not as a parameter: see SignedInMenus
	@ModelAttribute("currentPart")
	String currentPart() {
		HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
			.getRequest();
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
