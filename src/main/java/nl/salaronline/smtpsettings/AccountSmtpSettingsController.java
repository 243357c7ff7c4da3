package nl.salaronline.smtpsettings;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.layout.ScreenController;
import nl.salaronline.security.SalarOnlineUser;

/** Gebruiker → Onderhoud → SMTP Instellingen: the settings of the signed-in user's own account. */
@ScreenController
@RequestMapping("/gebruiker/smtp-instellingen")
class AccountSmtpSettingsController {

	private final AccountRepository accounts;

	private final SmtpSettingsScreen screen;

	private final SmtpTestScreen tests;

	AccountSmtpSettingsController(AccountRepository accounts, SmtpSettingsScreen screen, SmtpTestScreen tests) {
		this.accounts = accounts;
		this.screen = screen;
		this.tests = tests;
	}

	@InitBinder("smtpSettingsForm")
	void allowedFields(WebDataBinder binder) {
		binder.setAllowedFields(SmtpSettingsForm.FIELDS);
	}

	@GetMapping
	String showSettings(@AuthenticationPrincipal SalarOnlineUser user, Model model) {
		return screen.show(level(user), model);
	}

	@GetMapping("/bewerken")
	String initUpdateForm(@AuthenticationPrincipal SalarOnlineUser user, Model model) {
		return screen.edit(level(user), model);
	}

	@PostMapping(path = "/bewerken", params = "invullen")
	String processProviderChoice(@AuthenticationPrincipal SalarOnlineUser user, SmtpSettingsForm smtpSettingsForm,
			BindingResult result, Model model) {
		return screen.fillInProvider(level(user), smtpSettingsForm, model);
	}

	@PostMapping("/bewerken")
	String processUpdateForm(@AuthenticationPrincipal SalarOnlineUser user, SmtpSettingsForm smtpSettingsForm,
			BindingResult result, Model model, RedirectAttributes redirect) {
		return screen.save(level(user), smtpSettingsForm, result, user.getUsername(), model, redirect);
	}

	@PostMapping("/testen")
	String processConnectionTest(@AuthenticationPrincipal SalarOnlineUser user, SmtpSettingsForm smtpSettingsForm,
			BindingResult result, Model model) {
		return tests.test(SmtpTestScreen.Kind.CONNECTION, level(user), smtpSettingsForm, result, user.getUsername(),
				model);
	}

	@PostMapping("/testmail")
	String processTestMail(@AuthenticationPrincipal SalarOnlineUser user, SmtpSettingsForm smtpSettingsForm,
			BindingResult result, Model model) {
		return tests.test(SmtpTestScreen.Kind.TEST_MAIL, level(user), smtpSettingsForm, result, user.getUsername(),
				model);
	}

	@PostMapping("/certificaat")
	String processTrustCertificate(@AuthenticationPrincipal SalarOnlineUser user, SmtpSettingsForm smtpSettingsForm,
			BindingResult result, @RequestParam(defaultValue = "") String trustSha256,
			@RequestParam(defaultValue = "") String trustSubject, Model model) {
		return tests.trust(level(user), smtpSettingsForm, result, trustSha256, trustSubject, model);
	}

	@PostMapping("/certificaat/verwijderen")
	String processDistrustCertificate(@AuthenticationPrincipal SalarOnlineUser user, SmtpSettingsForm smtpSettingsForm,
			BindingResult result, Model model) {
		return tests.distrust(level(user), smtpSettingsForm, model);
	}

	private SettingsLevel level(SalarOnlineUser user) {
		return accounts.findById(user.accountId())
			.map(SettingsLevel::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
