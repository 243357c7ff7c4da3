package nl.salaronline.system;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Sends each role to where its work is. */
@Controller
class HomeController {

	@GetMapping("/")
	String home(Authentication authentication) {
		boolean admin = authentication.getAuthorities().stream()
			.anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()));
		return admin ? "redirect:/admin/accounts" : "redirect:/gebruiker";
	}

}
