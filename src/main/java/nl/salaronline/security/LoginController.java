package nl.salaronline.security;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import nl.salaronline.layout.ScreenController;

@ScreenController
class LoginController {

	private final LoginThrottle throttle;

	LoginController(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@GetMapping("/login")
	String loginForm(Model model) {
		model.addAttribute("lockoutMinutes", Math.max(1, throttle.lockout().toMinutes()));
		return "security/login";
	}

}
