package nl.salaronline.smtpsettings;


import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.salaronline.smtp.SmtpAuthMethod;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.smtpsettings.SmtpSettingsService.ConcurrentChangeException;

/**
 * The SMTP Instellingen screen of one level, shared by both levels' controllers (which find the level, checking that
 * it belongs to the signed-in account). One template serves view mode, edit mode and both levels.
 */
@Component
class SmtpSettingsScreen {

	static final String VIEW = "smtpsettings/smtp-settings";

	private final SmtpSettingsService service;

	private final SmtpSettingsValidator validator;

	private final String defaultFrom;

	private final ObjectProvider<SendingStops> sendingStops;

	SmtpSettingsScreen(SmtpSettingsService service, SmtpSettingsValidator validator,
			@Value("${salaronline.mail.default-from:no-reply@salaronline.nl}") String defaultFrom,
			ObjectProvider<SendingStops> sendingStops) {
		this.sendingStops = sendingStops;
		this.service = service;
		this.validator = validator;
		this.defaultFrom = defaultFrom;
	}

	/** Read-only: the stored settings, and "Aanpassen". One transaction for the screen's reads, not one each. */
	@Transactional(readOnly = true)
	String show(SettingsLevel level, Model model) {
		SmtpSettings stored = service.find(level).orElse(null);
		model.addAttribute("smtpSettingsForm", SmtpSettingsForm.of(stored));
		return page(level, stored, false, model);
	}

	/** Editable: the stored settings, "Opslaan" and "Annuleren". */
	@Transactional(readOnly = true)
	String edit(SettingsLevel level, Model model) {
		SmtpSettings stored = service.find(level).orElse(null);
		model.addAttribute("smtpSettingsForm", SmtpSettingsForm.of(stored));
		return page(level, stored, true, model);
	}

	/** Validates and saves; on any error nothing is saved and the form shows what was typed, but never a password. */
	String save(SettingsLevel level, SmtpSettingsForm form, BindingResult result, String changedBy, Model model,
			RedirectAttributes redirect) {
		SmtpSettings stored = service.find(level).orElse(null);
		validator.validate(form, stored, result);
		if (!blockingErrors(form, result)) {
			try {
				service.save(level, form, changedBy);
				redirect.addFlashAttribute("message", "smtp.saved");
				return "redirect:" + level.path();
			}
			catch (ConcurrentChangeException ex) {
				result.reject("smtp.conflict");
			}
		}
		form.forgetPassword();
		return page(level, stored, true, model);
	}

	/**
	 * "Invullen": fills server address, port and security from the chosen provider and shows the form again, still
	 * unsaved, with what the user typed elsewhere (but no secret). Works without JavaScript; with it, the page fills
	 * the fields at once.
	 */
	String fillInProvider(SettingsLevel level, SmtpSettingsForm form, Model model) {
		SmtpSettings stored = service.find(level).orElse(null);
		if (form.getProvider() != null) {
			form.getProvider().fill(form);
		}
		form.forgetPassword();
		// nothing is being saved, so nothing typed is an error yet (and a filled-in port replaces a mistyped one)
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "smtpSettingsForm",
				new BeanPropertyBindingResult(form, "smtpSettingsForm"));
		return page(level, stored, true, model);
	}

	/** The edit form again, with what was typed (the caller has cleared the password) and anything added to the model. */
	String editAgain(SettingsLevel level, SmtpSettings stored, Model model) {
		return page(level, stored, true, model);
	}

	/** With own SMTP off the other fields are not saved, so what was typed there (even "abc" as port) is no error. */
	private static boolean blockingErrors(SmtpSettingsForm form, BindingResult result) {
		return form.isEnabled() ? result.hasErrors()
				: result.hasGlobalErrors() || result.hasFieldErrors("enabled") || result.hasFieldErrors("version");
	}

	private String page(SettingsLevel level, SmtpSettings stored, boolean editing, Model model) {
		model.addAttribute("level", level);
		model.addAttribute("editing", editing);
		model.addAttribute("securities", SmtpSecurity.values());
		model.addAttribute("passwordStored", stored != null && stored.hasPassword());
		model.addAttribute("authMethods", SmtpAuthMethod.values());
		model.addAttribute("providers", SmtpProvider.values());
		model.addAttribute("clientSecretStored", stored != null && stored.hasClientSecret());
		model.addAttribute("serviceAccountKeyStored", stored != null && stored.hasServiceAccountKey());
		model.addAttribute("route", route(level, stored));
		model.addAttribute("defaultFrom", defaultFrom);
		SendingStops stops = sendingStops.getIfAvailable();
		model.addAttribute("sendingStop", stops == null ? null : stops.of(level.kind().name(), level.id()).orElse(null));
		model.addAttribute("settingsChanges", service.recentChanges(level));
		model.addAttribute("lastChange", stored == null ? null
				: new DefaultMessageSourceResolvable(new String[] { "smtp.lastChange" },
						new Object[] { stored.getUpdatedBy(), SettingsChange.dutchTime(stored.getUpdatedAt()) }));
		model.addAttribute("hint", new DefaultMessageSourceResolvable(new String[] { "smtp.hint.otherName" },
				new Object[] { level.email() }));
		return VIEW;
	}

	/** SPEC section 3: which sender and server this level uses now (section 5 decides the route). */
	private MessageSourceResolvable route(SettingsLevel level, SmtpSettings stored) {
		if (stored != null && stored.isEnabled()) {
			return new DefaultMessageSourceResolvable(new String[] { "smtp.route.own." + level.kind() },
					new Object[] { level.email(), stored.getHost() });
		}
		return new DefaultMessageSourceResolvable(new String[] { "smtp.route.default." + level.kind() },
				new Object[] { defaultFrom, level.email() });
	}

}
