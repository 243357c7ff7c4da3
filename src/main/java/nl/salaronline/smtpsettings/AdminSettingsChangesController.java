package nl.salaronline.smtpsettings;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins see the audit trail of every level's SMTP settings (never a secret: the trail holds none). */
@Controller
class AdminSettingsChangesController {

	private static final int PAGE_SIZE = 50;

	private final SettingsChangeRepository changes;

	AdminSettingsChangesController(SettingsChangeRepository changes) {
		this.changes = changes;
	}

	@GetMapping("/admin/smtp-wijzigingen")
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("changes",
				changes.findAllByOrderByChangedAtDescIdDesc(PageRequest.of(Math.max(0, page), PAGE_SIZE)));
		return "smtpsettings/admin-changes";
	}

}
