package nl.salaronline.smtpsettings;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

import nl.salaronline.smtp.MailAddressRule;
import nl.salaronline.smtp.ProbeReport;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpProbe;
import nl.salaronline.smtp.SmtpProbe.TestMail;
import nl.salaronline.smtp.SmtpProbeLimiter;
import nl.salaronline.smtp.SmtpServer;

/**
 * "Test verbinding" and "Verstuur testmail" on the values in the form, saved or not, and trusting exactly the
 * certificate a test showed. The password (or with OAuth2 the client secret or service account key) is the typed
 * one, or the stored one only under SPEC section 4's rule (same server address, port and username, security unchanged
 * or stronger, the same trusted certificate), so nobody can send a stored secret to a server of their choice. With
 * OAuth2 the report shows the token step first. The page comes back in edit mode with the step report; the password
 * is never sent back. Each certificate a test was shown is remembered for this session ({@link ProbedCertificates}).
 */
@Component
class SmtpTestScreen {

	private static final Logger log = LoggerFactory.getLogger(SmtpTestScreen.class);

	enum Kind {

		CONNECTION, TEST_MAIL

	}

	/** A Dutch product: dates in Dutch time, as dd-MM-yyyy. */
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy")
		.withZone(ZoneId.of("Europe/Amsterdam"));

	private final SmtpSettingsService service;

	private final SmtpSettingsValidator validator;

	private final SmtpSettingsScreen screen;

	private final SmtpProbe probe;

	private final SmtpProbeLimiter limiter;

	private final MessageSource messages;

	private final ProbedCertificates probedCertificates;

	private final ApplicationEventPublisher events;

	SmtpTestScreen(SmtpSettingsService service, SmtpSettingsValidator validator, SmtpSettingsScreen screen,
			SmtpProbe probe, SmtpProbeLimiter limiter, MessageSource messages, ProbedCertificates probedCertificates,
			ApplicationEventPublisher events) {
		this.events = events;
		this.service = service;
		this.validator = validator;
		this.screen = screen;
		this.probe = probe;
		this.limiter = limiter;
		this.messages = messages;
		this.probedCertificates = probedCertificates;
	}

	String test(Kind kind, SettingsLevel level, SmtpSettingsForm form, BindingResult result, String username,
			Model model) {
		SmtpSettings stored = service.find(level).orElse(null);
		validator.validateServer(form, stored, result);
		if (kind == Kind.TEST_MAIL) {
			validator.validateTestRecipient(form, result);
		}
		if (!result.hasErrors() && !MailAddressRule.isValid(level.email())) {
			// stored before the address rule was this strict, or by an import: MAIL FROM cannot carry it
			log.warn("{} of {} {} by {} not run: the level's address breaks the address rule", kind, level.kind(),
					level.id(), username);
			result.reject(level.kind() == SettingsLevel.Kind.EMPLOYER ? "smtp.probe.levelAddressInvalid.employer"
					: "smtp.probe.levelAddressInvalid.account", new Object[] { level.email() }, null);
		}
		if (!result.hasErrors()) {
			if (limiter.tryAcquire(username)) {
				ProbeReport report = run(kind, level, form, stored);
				if (report.certificate() != null) {
					// what this server really presented: the only certificates "Vertrouw dit certificaat" may pin
					probedCertificates.remember(form.hostToStore(), form.getPort(), report.certificate().sha256());
				}
				log.info("{} of {} {} by {} via {}:{}: {}", kind, level.kind(), level.id(), username,
						form.hostToStore(), form.getPort(), report.succeeded() ? "passed" : report.failure());
				if (kind == Kind.CONNECTION && report.succeeded() && testsTheSaved(form, stored)) {
					// the saved settings work (again): a level whose sending stopped goes on (SPEC section 10)
					events.publishEvent(new SmtpSettingsConfirmed(level.kind().name(), level.id(), false));
				}
				model.addAttribute("probe", report);
				model.addAttribute("probeKind", kind.name());
				model.addAttribute("probeFailedStep", report.steps().stream()
					.filter(step -> step.outcome() == ProbeReport.Outcome.FAILED).findFirst().orElse(null));
				model.addAttribute("retypeSecret", retypeSecretMessage(form));
				if (report.certificate() != null) {
					model.addAttribute("certificateValidUntil", DATE.format(report.certificate().notAfter()));
				}
			}
			else {
				result.reject("smtp.probe.rateLimited", new Object[] { limiter.perMinute() }, null);
			}
		}
		form.forgetPassword();
		return screen.editAgain(level, stored, model);
	}

	/**
	 * "Vertrouw dit certificaat": goes into the form, and is stored with Opslaan; only a certificate this server
	 * presented to a test of this user in this session.
	 */
	String trust(SettingsLevel level, SmtpSettingsForm form, BindingResult result, String sha256, String subject,
			Model model) {
		SmtpSettings stored = service.find(level).orElse(null);
		form.trustCertificate(sha256, subject);
		if (!validator.validatePinnedCertificate(form, stored, result)) {
			form.trustCertificate(null, null);
		}
		model.addAttribute("pinChanged", !result.hasErrors());
		form.forgetPassword();
		return screen.editAgain(level, stored, model);
	}

	/** "Niet meer vertrouwen": removed from the form, and from the level with Opslaan. */
	String distrust(SettingsLevel level, SmtpSettingsForm form, Model model) {
		form.trustCertificate(null, null);
		model.addAttribute("pinChanged", true);
		form.forgetPassword();
		return screen.editAgain(level, service.find(level).orElse(null), model);
	}

	private ProbeReport run(Kind kind, SettingsLevel level, SmtpSettingsForm form, SmtpSettings stored) {
		// the validator has required the confirmed warning before a secret goes over "Geen"
		SmtpServer server = new SmtpServer(form.hostToStore(), form.getPort(), form.getSecurity(),
				form.usernameToStore(), credentials(form, stored), form.pinnedSha256(),
				form.unencrypted() && form.isPlainTextSignIn());
		if (kind == Kind.CONNECTION) {
			return probe.probe(server, level.email());
		}
		Locale locale = LocaleContextHolder.getLocale();
		TestMail mail = new TestMail(form.testRecipientToUse(),
				messages.getMessage("smtp.testmail.subject", null, locale),
				messages.getMessage("smtp.testmail.text",
						new Object[] { level.name(), level.email(), form.hostToStore() }, locale));
		return probe.sendTestMail(server, level.email(), mail);
	}

	/**
	 * The secret of the chosen sign-in method as typed, or else the stored one: the validator has applied SPEC
	 * section 4 (and for Microsoft also an unchanged Tenant-ID and Client-ID), so a stored secret only goes to the
	 * server, mailbox and app it was saved for.
	 */
	private static SmtpCredentials credentials(SmtpSettingsForm form, SmtpSettings stored) {
		return switch (form.getAuthMethod()) {
			case MICROSOFT_OAUTH2 -> new SmtpCredentials.MicrosoftOAuth2(form.tenantIdToStore(), form.clientIdToStore(),
					form.newClientSecret() != null ? form.newClientSecret() : stored.oauthClientSecret());
			case GOOGLE_OAUTH2 -> new SmtpCredentials.GoogleOAuth2(
					form.newServiceAccountKey() != null ? form.newServiceAccountKey() : stored.googleServiceAccountKey());
			case PASSWORD -> new SmtpCredentials.Password(
					form.newPassword() != null ? form.newPassword() : stored.password());
		};
	}

	/**
	 * Whether the test ran on the settings as saved: the same server, sign-in and stored secret. A passing test of
	 * other values says nothing about what the worker sends with, so it does not resume a stopped level.
	 */
	private static boolean testsTheSaved(SmtpSettingsForm form, SmtpSettings stored) {
		return stored != null && stored.isEnabled() && form.newPassword() == null && form.newClientSecret() == null
				&& form.newServiceAccountKey() == null && form.getAuthMethod() == stored.getAuthMethod()
				&& form.getSecurity() == stored.getSecurity()
				&& java.util.Objects.equals(form.usernameToStore(), stored.getUsername())
				&& java.util.Objects.equals(form.getPort(), stored.getPort()) && form.hostToStore() != null
				&& form.hostToStore().equalsIgnoreCase(stored.getHost())
				&& java.util.Objects.equals(form.pinnedSha256(), stored.getPinnedCertificateSha256());
	}

	/** A secret typed for this test is not sent back: the page asks for it again before saving. */
	private static String retypeSecretMessage(SmtpSettingsForm form) {
		return switch (form.getAuthMethod()) {
			case MICROSOFT_OAUTH2 -> form.newClientSecret() != null ? "smtp.probe.retypeClientSecret" : null;
			case GOOGLE_OAUTH2 -> form.newServiceAccountKey() != null ? "smtp.probe.retypeServiceAccountKey" : null;
			case PASSWORD -> form.newPassword() != null ? "smtp.probe.retypePassword" : null;
		};
	}

}
