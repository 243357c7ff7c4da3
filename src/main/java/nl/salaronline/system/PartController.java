package nl.salaronline.system;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import nl.salaronline.layout.ScreenController;
import nl.salaronline.security.SalarOnlineUser;
import nl.salaronline.smtpsettings.SendingStops;

/**
 * The landing pages of the two parts of the app, Gebruiker and Werkgever, each with its Onderhoud menu. The Gebruiker
 * start page lists every level of the account whose sending stopped (SPEC section 10), with a link to it.
 */
@ScreenController
class PartController {

	private final ObjectProvider<SendingStops> sendingStops;

	PartController(ObjectProvider<SendingStops> sendingStops) {
		this.sendingStops = sendingStops;
	}

	@GetMapping({ "/gebruiker", "/gebruiker/onderhoud", "/werkgever", "/werkgever/onderhoud" })
	String part(@AuthenticationPrincipal SalarOnlineUser user, HttpServletRequest request, Model model) {
		SendingStops stops = sendingStops.getIfAvailable();
		boolean gebruiker = request.getRequestURI().startsWith(request.getContextPath() + "/gebruiker");
		model.addAttribute("stoppedLevels", gebruiker && stops != null && user != null && user.accountId() != null
				? stops.ofAccount(user.accountId()) : List.of());
		return "system/part";
	}

}
