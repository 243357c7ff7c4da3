package nl.salaronline.system;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;

import nl.salaronline.layout.ScreenController;

/** Sends each role to where its work is. */
@ScreenController
class HomeController {

	@GetMapping("/")
	String home(Authentication authentication) {
		boolean admin = authentication.getAuthorities().stream()
			.anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()));
		return admin ? "redirect:/admin/accounts" : "redirect:/gebruiker";
	}

}
