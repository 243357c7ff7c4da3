package nl.salaronline.mail.web;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.mail.MailId;
import nl.salaronline.mail.RecipientKind;
import nl.salaronline.mail.outbox.Outbox;
import nl.salaronline.mail.outbox.OutboxMail;
import nl.salaronline.mail.outbox.OutboxMailRepository;
import nl.salaronline.security.SalarOnlineUser;
import nl.salaronline.system.PageNumber;

/**
 * The Verzendlog of each level, newest first, with "Opnieuw versturen" for failed mails. Each level lists the mails
 * its SMTP settings apply to (SPEC section 1):
 * <ul>
 * <li>Gebruiker (account level): mails to the account's employers (recipient EMPLOYER), of all its employers;</li>
 * <li>Werkgever (employer level, after "Kies de werkgever"): mails to that employer's employees (recipient
 * EMPLOYEE).</li>
 * </ul>
 * Every query is scoped to the signed-in user's account; a mail or employer of another account is not found (404).
 */
@Controller
class VerzendlogController {

	static final int PAGE_SIZE = 25;

	private static final String VERZENDLOG = "mail/verzendlog";

	private final OutboxMailRepository mails;

	private final Outbox outbox;

	private final AccountRepository accounts;

	private final EmployerRepository employers;

	VerzendlogController(OutboxMailRepository mails, Outbox outbox, AccountRepository accounts,
			EmployerRepository employers) {
		this.mails = mails;
		this.outbox = outbox;
		this.accounts = accounts;
		this.employers = employers;
	}

	@GetMapping("/gebruiker/verzendlog")
	String accountLog(@AuthenticationPrincipal SalarOnlineUser user, @RequestParam(defaultValue = "0") String page,
			Model model) {
		Account account = accounts.findById(user.accountId())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Page<OutboxMail> found = PageNumber.find(page, number -> mails
			.findByAccountIdAndRecipientKind(account.getId(), RecipientKind.EMPLOYER, newestFirst(number)), model);
		model.addAttribute("levelName", account.getName());
		model.addAttribute("levelKind", "gebruiker");
		model.addAttribute("baseUrl", "/gebruiker/verzendlog");
		return show(found, model);
	}

	@PostMapping("/gebruiker/verzendlog/{id}/opnieuw")
	String resendAccountMail(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String id,
			RedirectAttributes redirect) {
		OutboxMail mail = MailId.parse(id)
			.flatMap(mailId -> mails.findByIdAndAccountIdAndRecipientKind(mailId.value(), user.accountId(),
					RecipientKind.EMPLOYER))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return resend(mail, "/gebruiker/verzendlog", redirect);
	}

	@GetMapping("/werkgever/verzendlog")
	String chooseEmployer(@AuthenticationPrincipal SalarOnlineUser user, Model model) {
		List<Employer> own = employers.findByAccountIdOrderByCodeAsc(user.accountId());
		model.addAttribute("employers", own);
		return "mail/choose-employer";
	}

	@GetMapping("/werkgever/{code}/verzendlog")
	String employerLog(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String code,
			@RequestParam(defaultValue = "0") String page, Model model) {
		Employer employer = employer(user, code);
		Page<OutboxMail> found = PageNumber.find(page, number -> mails
			.findByEmployerIdAndRecipientKind(employer.getId(), RecipientKind.EMPLOYEE, newestFirst(number)), model);
		model.addAttribute("levelName", employer.getName() + " (" + employer.getCode() + ")");
		model.addAttribute("levelKind", "werkgever");
		model.addAttribute("baseUrl", "/werkgever/" + employer.getCode() + "/verzendlog");
		return show(found, model);
	}

	@PostMapping("/werkgever/{code}/verzendlog/{id}/opnieuw")
	String resendEmployeeMail(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String code,
			@PathVariable String id, RedirectAttributes redirect) {
		Employer employer = employer(user, code);
		OutboxMail mail = MailId.parse(id)
			.flatMap(mailId -> mails.findByIdAndEmployerIdAndRecipientKind(mailId.value(), employer.getId(),
					RecipientKind.EMPLOYEE))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return resend(mail, "/werkgever/" + employer.getCode() + "/verzendlog", redirect);
	}

	private String show(Page<OutboxMail> found, Model model) {
		model.addAttribute("rows", found.map(MailRow::of).getContent());
		model.addAttribute("page", found);
		return VERZENDLOG;
	}

	private String resend(OutboxMail mail, String log, RedirectAttributes redirect) {
		boolean queued = outbox.resend(mail.mailId());
		redirect.addFlashAttribute("message", queued ? "mail.resend.done" : "mail.resend.notFailed");
		redirect.addFlashAttribute("messageTo", mail.getToAddress());
		return "redirect:" + log;
	}

	/** The tenant check: only an employer of the signed-in user's account is found. */
	private Employer employer(SalarOnlineUser user, String code) {
		return employers.findByCodeAndAccountId(code, user.accountId())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** @param page within 0 and {@link PageNumber#MAX}, so the offset fits the query */
	static Pageable newestFirst(int page) {
		return PageRequest.of(page, PAGE_SIZE, Sort.by(Sort.Direction.DESC, "createdAt", "id"));
	}

}
