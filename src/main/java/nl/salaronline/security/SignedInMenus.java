package nl.salaronline.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ModelAttribute;

import nl.salaronline.account.Role;
import nl.salaronline.layout.LayoutAdvice;

/**
 * Tells the layout who is signed in and so which menus to show, read once per request from the authentication.
 * Three {@code sec:authorize} access expressions were parsed and evaluated in every render instead: about a tenth of
 * rendering the settings screen. Which pages a role may open is decided by {@link SecurityConfig}, not here.
 */
@LayoutAdvice
class SignedInMenus {

	// no parameters, the authentication taken from the holder: Spring parses a model method's parameter annotations
	// again on every request (7 % of an API request's samples for the four advices when they took parameters, before
	// the layout's advices were kept to the screens)
	@ModelAttribute("signedIn")
	SignedIn signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return null;
		}
		boolean accountant = false;
		boolean admin = false;
		for (var granted : authentication.getAuthorities()) {
			accountant |= Role.ACCOUNTANT.authority().equals(granted.getAuthority());
			admin |= Role.ADMIN.authority().equals(granted.getAuthority());
		}
		return new SignedIn(authentication.getName(), accountant, admin);
	}

	/** The signed-in user as the layout shows them: the name, and the menus of their role. */
	public record SignedIn(String name, boolean accountant, boolean admin) {
	}

}
