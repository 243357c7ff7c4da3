package nl.salaronline.system;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing pages of the two parts of the app, Gebruiker and Werkgever, each with its Onderhoud menu. */
@Controller
class PartController {

	@GetMapping({ "/gebruiker", "/gebruiker/onderhoud", "/werkgever", "/werkgever/onderhoud" })
	String part() {
		return "system/part";
	}

}
