package nl.salaronline.smtpsettings;

import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

import nl.salaronline.smtp.MailAddressRule;
import nl.salaronline.smtp.SmtpCredentials;
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

	/** A service account's JSON key is about 2.3 KB. */
	static final int MAX_SERVICE_ACCOUNT_KEY_LENGTH = 10_000;

	/** A directory (tenant) id or a verified domain such as bedrijf.onmicrosoft.com (column: 100 characters). */
	private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,98}[A-Za-z0-9])?");

	/** An Entra application (client) id is a GUID. */
	private static final Pattern CLIENT_ID = Pattern
		.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]+");

	/** Highest "Maximaal aantal e-mails per minuut" accepted. */
	static final int MAX_PER_MINUTE = 100_000;

	/** Highest "Maximaal aantal e-mails per dag" accepted. */
	static final int MAX_PER_DAY = 10_000_000;

	static final int MAX_SUBJECT_LENGTH = 1000;

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile(".*\\p{Cntrl}.*", Pattern.DOTALL);

	private final SmtpHostPolicy hostPolicy;

	private final ProbedCertificates probedCertificates;

	SmtpSettingsValidator(SmtpHostPolicy hostPolicy, ProbedCertificates probedCertificates) {
		this.hostPolicy = hostPolicy;
		this.probedCertificates = probedCertificates;
	}

	/**
	 * @param stored the settings as saved now, or {@code null}; the password reuse rule compares against them
	 */
	void validate(SmtpSettingsForm form, SmtpSettings stored, Errors errors) {
		if (!form.isEnabled()) {
			return;
		}
		validateServer(form, stored, errors);
		validateLimit("maxPerMinute", form.getMaxPerMinute(), MAX_PER_MINUTE, errors);
		validateLimit("maxPerDay", form.getMaxPerDay(), MAX_PER_DAY, errors);
	}

	/**
	 * A sending limit: empty (no limit) or a positive whole number written in the digits 0-9, at most {@code max}
	 * (more than any provider allows; a bigger number is a typing error, and would not fit the column).
	 */
	private static void validateLimit(String field, String typed, int max, Errors errors) {
		if (typed == null || typed.isBlank()) {
			return;
		}
		String value = typed.strip();
		if (!WHOLE_NUMBER.matcher(value).matches()) {
			errors.rejectValue(field, "smtp.limit.notNumber");
		}
		else if (value.length() > 9 || Integer.parseInt(value) > max) {
			errors.rejectValue(field, "smtp.limit.tooLarge", new Object[] { max }, null);
		}
		else if (Integer.parseInt(value) < 1) {
			errors.rejectValue(field, "smtp.limit.notPositive");
		}
	}

	/**
	 * The server values and the password rule, whether or not own SMTP is on: what "Test verbinding" and
	 * "Verstuur testmail" need.
	 */
	void validateServer(SmtpSettingsForm form, SmtpSettings stored, Errors errors) {
		boolean pinRefused = !validatePinnedCertificate(form, stored, errors);
		validateHost(form, errors);
		validatePort(form, errors);
		validateUsername(form, errors);
		if (form.getSecurity() == null && !errors.hasFieldErrors("security")) {
			errors.rejectValue("security", "NotNull");
		}
		if (form.unencrypted() && !form.isPlainTextSignIn()) {
			// every sign-in method has a secret, and with "Geen" it would cross the network unencrypted
			errors.rejectValue("plainTextSignIn", "required");
		}
		if (form.getAuthMethod() == null) {
			if (!errors.hasFieldErrors("authMethod")) {
				errors.rejectValue("authMethod", "NotNull");
			}
			return;
		}
		switch (form.getAuthMethod()) {
			case MICROSOFT_OAUTH2 -> validateMicrosoft(form, stored, errors);
			case GOOGLE_OAUTH2 -> validateGoogle(form, stored, errors);
			default -> validatePassword(form, stored, errors);
		}
		if (pinRefused) {
			// dropped from the page (after the reuse rule saw it), so it offers a new test instead of the same refusal
			form.trustCertificate(null, null);
		}
	}

	/** SPEC section 9; the client secret follows section 4 like the password. */
	private static void validateMicrosoft(SmtpSettingsForm form, SmtpSettings stored, Errors errors) {
		String tenantId = form.tenantIdToStore();
		if (tenantId == null || tenantId.isEmpty()) {
			errors.rejectValue("tenantId", "NotBlank");
		}
		else if (!TENANT_ID.matcher(tenantId).matches()) {
			errors.rejectValue("tenantId", "Pattern");
		}
		String clientId = form.clientIdToStore();
		if (clientId == null || clientId.isEmpty()) {
			errors.rejectValue("clientId", "NotBlank");
		}
		else if (!CLIENT_ID.matcher(clientId).matches()) {
			errors.rejectValue("clientId", "Pattern");
		}
		String secret = form.newClientSecret();
		if (secret != null) {
			if (secret.length() > MAX_PASSWORD_LENGTH) {
				errors.rejectValue("clientSecret", "tooLong");
			}
			else if (CONTROL_CHARACTERS.matcher(secret).matches()) {
				errors.rejectValue("clientSecret", "controlCharacters");
			}
			return;
		}
		rejectUnlessReusable("clientSecret", stored == null ? null : stored.clientSecretReuseFor(form), errors);
	}

	/** SPEC section 9; the key follows section 4 like the password, and must be a service account's JSON key. */
	private static void validateGoogle(SmtpSettingsForm form, SmtpSettings stored, Errors errors) {
		String key = form.newServiceAccountKey();
		if (key != null) {
			if (key.length() > MAX_SERVICE_ACCOUNT_KEY_LENGTH) {
				errors.rejectValue("serviceAccountKey", "tooLong");
			}
			else if (!new SmtpCredentials.GoogleOAuth2(key).hasUsableKey()) {
				errors.rejectValue("serviceAccountKey", "invalid");
			}
			return;
		}
		rejectUnlessReusable("serviceAccountKey", stored == null ? null : stored.serviceAccountKeyReuseFor(form),
				errors);
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

	/** "Verstuur testmail": the address the user typed. */
	void validateTestRecipient(SmtpSettingsForm form, Errors errors) {
		String recipient = form.getTestRecipient();
		if (recipient == null || recipient.isBlank()) {
			errors.rejectValue("testRecipient", "NotBlank");
		}
		else if (CONTROL_CHARACTERS.matcher(recipient).matches()) {
			errors.rejectValue("testRecipient", "Email");
		}
		else {
			MailAddressRule.refusalOf(form.testRecipientToUse())
				.ifPresent(refusal -> errors.rejectValue("testRecipient", refusal.code()));
		}
	}

	/**
	 * Only ever set from a certificate the screen showed; anything else is a tampered form. A fingerprint is trusted
	 * only when it is the level's stored one, unchanged, or when this server presented exactly that certificate to a
	 * test by this user in this session ({@link ProbedCertificates}).
	 * @return {@code false} when the fingerprint is refused for not having been presented
	 */
	boolean validatePinnedCertificate(SmtpSettingsForm form, SmtpSettings stored, Errors errors) {
		String sha256 = form.pinnedSha256();
		String subject = form.pinnedSubject();
		if (sha256 == null) {
			return true;
		}
		if (!SHA256.matcher(sha256).matches() || subject == null || subject.length() > MAX_SUBJECT_LENGTH
				|| CONTROL_CHARACTERS.matcher(subject).matches()) {
			errors.reject("smtp.pinned.invalid");
		}
		else if (!(stored != null && sha256.equals(stored.getPinnedCertificateSha256()))
				&& !probedCertificates.wasPresented(form.hostToStore(), form.getPort(), sha256)) {
			errors.reject("smtp.pinned.notPresented");
			return false;
		}
		return true;
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
		else {
			MailAddressRule.refusalOf(form.usernameToStore())
				.ifPresent(refusal -> errors.rejectValue("username", refusal.code()));
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
		rejectUnlessReusable("password", stored == null ? null : stored.passwordReuseFor(form), errors);
	}

	/** An empty secret field: "Vul ... opnieuw in", saying why, unless SPEC section 4 lets the stored one be used. */
	private static void rejectUnlessReusable(String field, SmtpSettings.Reuse reuse, Errors errors) {
		SmtpSettings.Reuse outcome = reuse == null ? SmtpSettings.Reuse.NOTHING_STORED : reuse;
		if (outcome != SmtpSettings.Reuse.ALLOWED) {
			errors.rejectValue(field, outcome.errorCode());
		}
	}

}
