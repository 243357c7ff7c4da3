package nl.salaronline.smtpsettings;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.layout.ScreenController;
import nl.salaronline.security.SalarOnlineUser;

/**
 * Werkgever → Onderhoud → SMTP Instellingen: "Kies de werkgever" among the account's own employers, then that
 * employer's settings. An employer of another account is not found (404), whatever the address says.
 */
@ScreenController
@RequestMapping("/werkgever")
class EmployerSmtpSettingsController {

	private final EmployerRepository employers;

	private final SmtpSettingsRepository settings;

	private final SmtpSettingsScreen screen;

	private final SmtpTestScreen tests;

	EmployerSmtpSettingsController(EmployerRepository employers, SmtpSettingsRepository settings,
			SmtpSettingsScreen screen, SmtpTestScreen tests) {
		this.employers = employers;
		this.settings = settings;
		this.screen = screen;
		this.tests = tests;
	}

	@InitBinder("smtpSettingsForm")
	void allowedFields(WebDataBinder binder) {
		binder.setAllowedFields(SmtpSettingsForm.FIELDS);
	}

	@GetMapping("/smtp-instellingen")
	String chooseEmployer(@AuthenticationPrincipal SalarOnlineUser user, Model model) {
		List<Employer> own = employers.findByAccountIdOrderByCodeAsc(user.accountId());
		Set<Long> withOwnSmtp = settings.findByEmployerIdIn(own.stream().map(Employer::getId).toList())
			.stream()
			.filter(SmtpSettings::isEnabled)
			.map(SmtpSettings::getEmployerId)
			.collect(Collectors.toSet());
		model.addAttribute("employers", own);
		model.addAttribute("ownSmtp", own.stream()
			.collect(Collectors.toMap(Employer::getId, employer -> withOwnSmtp.contains(employer.getId()))));
		return "smtpsettings/choose-employer";
	}

	@GetMapping("/{code}/smtp-instellingen")
	String showSettings(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String code, Model model) {
		return screen.show(level(user, code), model);
	}

	@GetMapping("/{code}/smtp-instellingen/bewerken")
	String initUpdateForm(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String code, Model model) {
		return screen.edit(level(user, code), model);
	}

	@PostMapping(path = "/{code}/smtp-instellingen/bewerken", params = "invullen")
	String processProviderChoice(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String code,
			SmtpSettingsForm smtpSettingsForm, BindingResult result, Model model) {
		return screen.fillInProvider(level(user, code), smtpSettingsForm, model);
	}

	@PostMapping("/{code}/smtp-instellingen/bewerken")
	String processUpdateForm(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String code,
			SmtpSettingsForm smtpSettingsForm, BindingResult result, Model model, RedirectAttributes redirect) {
		return screen.save(level(user, code), smtpSettingsForm, result, user.getUsername(), model, redirect);
	}

	@PostMapping("/{code}/smtp-instellingen/testen")
	String processConnectionTest(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String code,
			SmtpSettingsForm smtpSettingsForm, BindingResult result, Model model) {
		return tests.test(SmtpTestScreen.Kind.CONNECTION, level(user, code), smtpSettingsForm, result,
				user.getUsername(), model);
	}

	@PostMapping("/{code}/smtp-instellingen/testmail")
	String processTestMail(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String code,
			SmtpSettingsForm smtpSettingsForm, BindingResult result, Model model) {
		return tests.test(SmtpTestScreen.Kind.TEST_MAIL, level(user, code), smtpSettingsForm, result,
				user.getUsername(), model);
	}

	@PostMapping("/{code}/smtp-instellingen/certificaat")
	String processTrustCertificate(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String code,
			SmtpSettingsForm smtpSettingsForm, BindingResult result, @RequestParam(defaultValue = "") String trustSha256,
			@RequestParam(defaultValue = "") String trustSubject, Model model) {
		return tests.trust(level(user, code), smtpSettingsForm, result, trustSha256, trustSubject, model);
	}

	@PostMapping("/{code}/smtp-instellingen/certificaat/verwijderen")
	String processDistrustCertificate(@AuthenticationPrincipal SalarOnlineUser user, @PathVariable String code,
			SmtpSettingsForm smtpSettingsForm, BindingResult result, Model model) {
		return tests.distrust(level(user, code), smtpSettingsForm, model);
	}

	/** The tenant check: only an employer of the signed-in user's account is found. */
	private SettingsLevel level(SalarOnlineUser user, String code) {
		return employers.findByCodeAndAccountId(code, user.accountId())
			.map(SettingsLevel::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
