package nl.salaronline.smtpsettings;

import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

import nl.salaronline.smtp.SmtpHostPolicy;

/**
 * The rules of SPEC sections 3, 4 and 7 for the SMTP Instellingen form. With "Gebruik eigen SMTP" off nothing else is
 * checked, because nothing else is stored. Messages are Dutch, keyed by Spring's codes (e.g.
 * {@code NotBlank.smtpSettingsForm.host}).
 */
@Component
class SmtpSettingsValidator {

	static final int MAX_USERNAME_LENGTH = 254;

	static final int MAX_PASSWORD_LENGTH = 1000;

	/** The WHATWG e-mail address syntax (as browsers check type=email), with a dot required in the domain. */
	private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
			+ "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile(".*\\p{Cntrl}.*", Pattern.DOTALL);

	private final SmtpHostPolicy hostPolicy;

	SmtpSettingsValidator(SmtpHostPolicy hostPolicy) {
		this.hostPolicy = hostPolicy;
	}

	/**
	 * @param stored the settings as saved now, or {@code null}; the password reuse rule compares against them
	 */
	void validate(SmtpSettingsForm form, SmtpSettings stored, Errors errors) {
		if (!form.isEnabled()) {
			return;
		}
		validateHost(form, errors);
		validatePort(form, errors);
		validateUsername(form, errors);
		if (form.getSecurity() == null && !errors.hasFieldErrors("security")) {
			errors.rejectValue("security", "NotNull");
		}
		validatePassword(form, stored, errors);
	}

	private void validateHost(SmtpSettingsForm form, Errors errors) {
		if (errors.hasFieldErrors("host")) {
			return;
		}
		String host = form.getHost();
		if (host == null || host.isBlank()) {
			errors.rejectValue("host", "NotBlank");
		}
		else if (CONTROL_CHARACTERS.matcher(host).matches()) {
			// checked before stripping, which would quietly remove a trailing line break
			errors.rejectValue("host", "smtp.host.invalid");
		}
		else {
			hostPolicy.refusalOf(form.hostToStore()).ifPresent(refusal -> errors.rejectValue("host", refusal));
		}
	}

	private static void validatePort(SmtpSettingsForm form, Errors errors) {
		if (errors.hasFieldErrors("port")) {
			return; // not a number: typeMismatch says so already
		}
		if (form.getPort() == null) {
			errors.rejectValue("port", "NotNull");
		}
		else if (form.getPort() < 1 || form.getPort() > 65535) {
			errors.rejectValue("port", "Range");
		}
	}

	private static void validateUsername(SmtpSettingsForm form, Errors errors) {
		String username = form.getUsername();
		if (username == null || username.isBlank()) {
			errors.rejectValue("username", "NotBlank");
		}
		else if (CONTROL_CHARACTERS.matcher(username).matches()) {
			errors.rejectValue("username", "controlCharacters");
		}
		else if (form.usernameToStore().length() > MAX_USERNAME_LENGTH) {
			errors.rejectValue("username", "tooLong");
		}
		else if (!EMAIL.matcher(form.usernameToStore()).matches()) {
			errors.rejectValue("username", "Email");
		}
	}

	/**
	 * SPEC section 4: an empty password keeps the stored one only while server address, port and username are
	 * unchanged, so nobody can send a stored password to a server of their choice.
	 */
	private static void validatePassword(SmtpSettingsForm form, SmtpSettings stored, Errors errors) {
		String password = form.newPassword();
		if (password != null) {
			if (password.length() > MAX_PASSWORD_LENGTH) {
				errors.rejectValue("password", "tooLong");
			}
			return;
		}
		if (stored == null || !stored.hasPassword()) {
			errors.rejectValue("password", "NotBlank");
		}
		else if (!stored.passwordMayBeReusedFor(form.hostToStore(), form.getPort(), form.usernameToStore())) {
			errors.rejectValue("password", "retype");
		}
	}

}
