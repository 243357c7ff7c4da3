package nl.salaronline.mail.web;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
import nl.salaronline.layout.ScreenController;
import nl.salaronline.mail.MailId;
import nl.salaronline.mail.MailStatus;
import nl.salaronline.mail.RecipientKind;
import nl.salaronline.mail.outbox.Outbox;
import nl.salaronline.mail.outbox.OutboxMail;
import nl.salaronline.mail.outbox.OutboxMailRepository;
import nl.salaronline.paging.PageNumber;
import nl.salaronline.security.SalarOnlineUser;
import nl.salaronline.smtpsettings.SendingStops;

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
@ScreenController
class VerzendlogController {

	static final int PAGE_SIZE = 25;

	private static final org.slf4j.Logger audit = org.slf4j.LoggerFactory.getLogger("nl.salaronline.audit");

	private static final String VERZENDLOG = "mail/verzendlog";

	private final OutboxMailRepository mails;

	private final Outbox outbox;

	private final AccountRepository accounts;

	private final EmployerRepository employers;

	private final SendingStops sendingStops;

	VerzendlogController(OutboxMailRepository mails, Outbox outbox, AccountRepository accounts,
			EmployerRepository employers, SendingStops sendingStops) {
		this.sendingStops = sendingStops;
		this.mails = mails;
		this.outbox = outbox;
		this.accounts = accounts;
		this.employers = employers;
	}

	@GetMapping("/gebruiker/verzendlog")
	String accountLog(@AuthenticationPrincipal SalarOnlineUser user, @RequestParam(defaultValue = "0") String page,
			@RequestParam(required = false) String status, Model model) {
		Account account = accounts.findById(user.accountId())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		MailStatus filter = statusOf(status);
		Page<OutboxMail> found = PageNumber.find(page, number -> filter == null
				? mails.findByAccountIdAndRecipientKind(account.getId(), RecipientKind.EMPLOYER, newestFirst(number))
				: mails.findByAccountIdAndRecipientKindAndStatus(account.getId(), RecipientKind.EMPLOYER, filter,
						newestFirst(number)), model);
		model.addAttribute("levelName", account.getName());
		model.addAttribute("levelKind", "gebruiker");
		model.addAttribute("baseUrl", "/gebruiker/verzendlog");
		model.addAttribute("settingsPath", "/gebruiker/smtp-instellingen");
		model.addAttribute("sendingStop", sendingStops.of("ACCOUNT", account.getId()).orElse(null));
		return show(found, filter, model);
	}

	@PostMapping("/gebruiker/verzendlog/opnieuw-alle")
	String resendAllAccountMails(@AuthenticationPrincipal SalarOnlineUser user, RedirectAttributes redirect) {
		Account account = accounts.findById(user.accountId())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return resendAll(user, true, account.getId(), "/gebruiker/verzendlog", redirect);
	}

	@PostMapping("/werkgever/{code}/verzendlog/opnieuw-alle")
	String resendAllEmployeeMails(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String code,
			RedirectAttributes redirect) {
		Employer employer = employer(user, code);
		return resendAll(user, false, employer.getId(), "/werkgever/" + employer.getCode() + "/verzendlog", redirect);
	}

	/** One statement, one transaction, one audit line in the log: who sent how many failed mails of which level again. */
	private String resendAll(SalarOnlineUser user, boolean accountLevel, long levelId, String log,
			RedirectAttributes redirect) {
		int queued = outbox.resendAllFailed(accountLevel, levelId);
		audit.info("{} sent {} failed mails of {} {} again (Alle mislukte opnieuw versturen)", user.getUsername(),
				queued, accountLevel ? "ACCOUNT" : "EMPLOYER", levelId);
		redirect.addFlashAttribute("message", "mail.resendAll.done");
		redirect.addFlashAttribute("messageTo", queued);
		return "redirect:" + log;
	}

	/** A status to filter on, or {@code null} for all (also for anything that is not a status). */
	private static MailStatus statusOf(String status) {
		try {
			return status == null || status.isBlank() ? null : MailStatus.valueOf(status);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
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
			@RequestParam(defaultValue = "0") String page, @RequestParam(required = false) String status, Model model) {
		Employer employer = employer(user, code);
		MailStatus filter = statusOf(status);
		Page<OutboxMail> found = PageNumber.find(page, number -> filter == null
				? mails.findByEmployerIdAndRecipientKind(employer.getId(), RecipientKind.EMPLOYEE, newestFirst(number))
				: mails.findByEmployerIdAndRecipientKindAndStatus(employer.getId(), RecipientKind.EMPLOYEE, filter,
						newestFirst(number)), model);
		model.addAttribute("levelName", employer.getName() + " (" + employer.getCode() + ")");
		model.addAttribute("levelKind", "werkgever");
		model.addAttribute("baseUrl", "/werkgever/" + employer.getCode() + "/verzendlog");
		model.addAttribute("settingsPath", "/werkgever/" + employer.getCode() + "/smtp-instellingen");
		model.addAttribute("sendingStop", sendingStops.of("EMPLOYER", employer.getId()).orElse(null));
		return show(found, filter, model);
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

	private String show(Page<OutboxMail> found, MailStatus filter, Model model) {
		model.addAttribute("rows", found.map(MailRow::of).getContent());
		model.addAttribute("page", found);
		model.addAttribute("statuses", MailStatus.values());
		model.addAttribute("status", filter == null ? null : filter.name());
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
