package nl.salaronline.smtpsettings;

import org.springframework.data.domain.PageRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import nl.salaronline.layout.ScreenController;
import nl.salaronline.paging.PageNumber;

/** Admins see the audit trail of every level's SMTP settings (never a secret: the trail holds none). */
@ScreenController
class AdminSettingsChangesController {

	private static final int PAGE_SIZE = 50;

	private final SettingsChangeRepository changes;

	AdminSettingsChangesController(SettingsChangeRepository changes) {
		this.changes = changes;
	}

	@GetMapping("/admin/smtp-wijzigingen")
	String list(@RequestParam(defaultValue = "0") String page, Model model) {
		model.addAttribute("changes", PageNumber.find(page,
				number -> changes.findAllByOrderByChangedAtDescIdDesc(PageRequest.of(number, PAGE_SIZE)), model));
		return "smtpsettings/admin-changes";
	}

}
