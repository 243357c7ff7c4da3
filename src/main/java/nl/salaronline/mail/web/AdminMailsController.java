package nl.salaronline.mail.web;

import org.springframework.data.domain.Page;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import nl.salaronline.layout.ScreenController;
import nl.salaronline.mail.MailStatus;
import nl.salaronline.mail.outbox.OutboxMail;
import nl.salaronline.mail.outbox.OutboxMailRepository;
import nl.salaronline.paging.PageNumber;

/** The platform's mail queue for ADMIN users: every mail of every account, newest first, filtered by status. */
@ScreenController
class AdminMailsController {

	private final OutboxMailRepository mails;

	AdminMailsController(OutboxMailRepository mails) {
		this.mails = mails;
	}

	@GetMapping("/admin/mails")
	String queue(@RequestParam(required = false) MailStatus status, @RequestParam(defaultValue = "0") String page,
			Model model) {
		Page<OutboxMail> found = PageNumber.find(page,
				number -> status == null ? mails.findAll(VerzendlogController.newestFirst(number))
						: mails.findByStatus(status, VerzendlogController.newestFirst(number)),
				model);
		model.addAttribute("rows", found.map(MailRow::of).getContent());
		model.addAttribute("page", found);
		model.addAttribute("status", status);
		model.addAttribute("statuses", MailStatus.values());
		return "mail/admin-mails";
	}

}
