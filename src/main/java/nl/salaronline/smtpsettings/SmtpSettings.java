package nl.salaronline.smtpsettings;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import nl.salaronline.smtp.SmtpAuthMethod;
import nl.salaronline.smtp.SmtpSecurity;

/**
 * The SMTP settings of one level: an account ({@code accountId}) or an employer ({@code employerId}), never both.
 * Turning own SMTP off keeps the server values, so turning it on again needs no retyping. Secrets are encrypted by
 * {@link EncryptedSecretConverter}; there is deliberately no {@code toString()} that could print them.
 */
@Entity
@Table(name = "smtp_settings")
class SmtpSettings {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "account_id", updatable = false)
	private Long accountId;

	@Column(name = "employer_id", updatable = false)
	private Long employerId;

	@Column(nullable = false)
	private boolean enabled;

	private String host;

	private Integer port;

	private String username;

	@Enumerated(EnumType.STRING)
	private SmtpSecurity security;

	@Enumerated(EnumType.STRING)
	@Column(name = "auth_method", nullable = false)
	private SmtpAuthMethod authMethod = SmtpAuthMethod.PASSWORD;

	@Convert(converter = EncryptedSecretConverter.class)
	@Column(name = "password_encrypted")
	private String password;

	@Column(name = "oauth_tenant_id")
	private String oauthTenantId;

	@Column(name = "oauth_client_id")
	private String oauthClientId;

	@Convert(converter = EncryptedSecretConverter.class)
	@Column(name = "oauth_client_secret_encrypted")
	private String oauthClientSecret;

	@Convert(converter = EncryptedSecretConverter.class)
	@Column(name = "google_service_account_key_encrypted")
	private String googleServiceAccountKey;

	@Column(name = "pinned_certificate_sha256")
	private String pinnedCertificateSha256;

	@Column(name = "pinned_certificate_subject")
	private String pinnedCertificateSubject;

	/** "Geen" chosen with a secret, and the warning that it then crosses the network unencrypted confirmed. */
	@Column(name = "plain_text_sign_in_confirmed", nullable = false)
	private boolean plainTextSignInConfirmed;
	/** "Maximaal aantal e-mails per minuut"; {@code null}: no limit. */
	@Column(name = "max_per_minute")
	private Integer maxPerMinute;

	/** "Maximaal aantal e-mails per dag" (a rolling 24 hours); {@code null}: no limit. */
	@Column(name = "max_per_day")
	private Integer maxPerDay;

	/** "Bij storing versturen via SalarOnline": while the level is stalled its mails take the default transport. */
	@Column(name = "fallback_to_default", nullable = false)
	private boolean fallbackToDefault;

	@Column(name = "updated_by", nullable = false)
	private String updatedBy;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private long version;

	protected SmtpSettings() {
	}

	static SmtpSettings forAccount(long accountId) {
		SmtpSettings settings = new SmtpSettings();
		settings.accountId = accountId;
		return settings;
	}

	static SmtpSettings forEmployer(long employerId) {
		SmtpSettings settings = new SmtpSettings();
		settings.employerId = employerId;
		return settings;
	}

	/** Turns own SMTP off; everything else stays stored for later. */
	void turnOff() {
		this.enabled = false;
	}

	/**
	 * Turns own SMTP on with a server signed in to by password. A {@code null} password keeps the stored one (the
	 * caller has checked SPEC section 4's reuse rule). The secrets of the other sign-in methods are forgotten: only
	 * what is in use is kept.
	 */
	void useServer(String host, int port, String username, SmtpSecurity security, String newPassword) {
		server(host, port, username, security, SmtpAuthMethod.PASSWORD);
		if (newPassword != null) {
			this.password = newPassword;
		}
		this.oauthTenantId = null;
		this.oauthClientId = null;
		this.oauthClientSecret = null;
		this.googleServiceAccountKey = null;
	}

	/**
	 * Turns own SMTP on with Microsoft 365 (OAuth2): the app registration's Tenant-ID, Client-ID and Clientgeheim. A
	 * {@code null} secret keeps the stored one (the caller has checked the reuse rule).
	 */
	void useMicrosoft(String host, int port, String mailbox, SmtpSecurity security, String tenantId, String clientId,
			String newClientSecret) {
		server(host, port, mailbox, security, SmtpAuthMethod.MICROSOFT_OAUTH2);
		this.oauthTenantId = tenantId;
		this.oauthClientId = clientId;
		if (newClientSecret != null) {
			this.oauthClientSecret = newClientSecret;
		}
		this.password = null;
		this.googleServiceAccountKey = null;
	}

	/**
	 * Turns own SMTP on with Google Workspace (OAuth2): the service account's JSON key. A {@code null} key keeps the
	 * stored one (the caller has checked the reuse rule).
	 */
	void useGoogle(String host, int port, String mailbox, SmtpSecurity security, String newServiceAccountKey) {
		server(host, port, mailbox, security, SmtpAuthMethod.GOOGLE_OAUTH2);
		if (newServiceAccountKey != null) {
			this.googleServiceAccountKey = newServiceAccountKey;
		}
		this.password = null;
		this.oauthTenantId = null;
		this.oauthClientId = null;
		this.oauthClientSecret = null;
	}

	/** A pinned certificate belongs to one server: it is forgotten when the server address or port changes. */
	private void server(String host, int port, String username, SmtpSecurity security, SmtpAuthMethod authMethod) {
		if (!sameServer(host, port)) {
			this.pinnedCertificateSha256 = null;
			this.pinnedCertificateSubject = null;
		}
		this.enabled = true;
		this.host = host;
		this.port = port;
		this.username = username;
		this.security = security;
		this.authMethod = authMethod;
	}

	/**
	 * Trusts exactly this certificate for the level (SPEC issue 5), or none with {@code null}: chosen by the user
	 * after "Test verbinding" showed it.
	 */
	void trustCertificate(String sha256, String subject) {
		this.pinnedCertificateSha256 = sha256;
		this.pinnedCertificateSubject = sha256 == null ? null : subject;
	}

	/**
	 * Whether a stored secret may go where the form points (SPEC section 4): the same server address, port and
	 * username, security unchanged or stronger ({@code Geen < STARTTLS < SSL/TLS}), and the same trusted certificate
	 * (or none, as stored). A weaker connection or another certificate could hand the secret to someone else.
	 */
	private Reuse destination(SmtpSettingsForm form) {
		if (!sameServer(form.hostToStore(), form.getPort()) || !Objects.equals(this.username, form.usernameToStore())) {
			return Reuse.OTHER_SERVER;
		}
		if (form.getSecurity() == null || !form.getSecurity().isAtLeast(this.security)) {
			return Reuse.WEAKER_SECURITY;
		}
		return Objects.equals(this.pinnedCertificateSha256, form.pinnedSha256()) ? Reuse.ALLOWED
				: Reuse.OTHER_CERTIFICATE;
	}

	/** Whether the stored password may be used for the form's server (SPEC section 4), and if not, why. */
	Reuse passwordReuseFor(SmtpSettingsForm form) {
		return password == null ? Reuse.NOTHING_STORED : destination(form);
	}

	/**
	 * The same rule for the client secret: besides the destination (the username is the mailbox the token signs in
	 * as), the app registration must be the same one.
	 */
	Reuse clientSecretReuseFor(SmtpSettingsForm form) {
		if (oauthClientSecret == null || authMethod != SmtpAuthMethod.MICROSOFT_OAUTH2) {
			return Reuse.NOTHING_STORED;
		}
		boolean sameApp = Objects.equals(this.oauthTenantId, form.tenantIdToStore())
				&& Objects.equals(this.oauthClientId, form.clientIdToStore());
		return sameApp ? destination(form) : Reuse.OTHER_SERVER;
	}

	/**
	 * The same rule for the service account key; the username is the mailbox the key impersonates, so another
	 * mailbox needs the key pasted again.
	 */
	Reuse serviceAccountKeyReuseFor(SmtpSettingsForm form) {
		return googleServiceAccountKey == null || authMethod != SmtpAuthMethod.GOOGLE_OAUTH2 ? Reuse.NOTHING_STORED
				: destination(form);
	}

	/** Whether an empty secret field may keep the stored secret; otherwise the reason, as an error code. */
	enum Reuse {

		ALLOWED(null), NOTHING_STORED("NotBlank"), OTHER_SERVER("retype"), WEAKER_SECURITY("retypeSecurity"),
		OTHER_CERTIFICATE("retypeCertificate");

		private final String errorCode;

		Reuse(String errorCode) {
			this.errorCode = errorCode;
		}

		/** {@code <code>.smtpSettingsForm.<field>} in messages.properties; {@code null} when allowed. */
		String errorCode() {
			return errorCode;
		}

	}

	/**
	 * Records whether the level confirmed that its secret crosses the network unencrypted; only meaningful with
	 * "Geen", so any other choice forgets it.
	 */
	void confirmPlainTextSignIn(boolean confirmed) {
		this.plainTextSignInConfirmed = confirmed && security == SmtpSecurity.NONE;
	}

	boolean isPlainTextSignInConfirmed() {
		return plainTextSignInConfirmed;
	}

	boolean hasClientSecret() {
		return oauthClientSecret != null;
	}

	boolean hasServiceAccountKey() {
		return googleServiceAccountKey != null;
	}

	private boolean sameServer(String host, Integer port) {
		// host names are case-insensitive; an address in another case is the same server
		return this.host != null && host != null && this.host.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT))
				&& Objects.equals(this.port, port);
	}

	/** The sending limits (SPEC section 10) and the fallback while stalled; saved with own SMTP on only. */
	void limit(Integer maxPerMinute, Integer maxPerDay, boolean fallbackToDefault) {
		this.maxPerMinute = maxPerMinute;
		this.maxPerDay = maxPerDay;
		this.fallbackToDefault = fallbackToDefault;
	}

	Integer getMaxPerMinute() {
		return maxPerMinute;
	}

	Integer getMaxPerDay() {
		return maxPerDay;
	}

	boolean isFallbackToDefault() {
		return fallbackToDefault;
	}

	void changedBy(String username, Instant at) {
		this.updatedBy = username;
		this.updatedAt = at;
	}

	Long getId() {
		return id;
	}

	Long getAccountId() {
		return accountId;
	}

	Long getEmployerId() {
		return employerId;
	}

	boolean isEnabled() {
		return enabled;
	}

	String getHost() {
		return host;
	}

	Integer getPort() {
		return port;
	}

	String getUsername() {
		return username;
	}

	SmtpSecurity getSecurity() {
		return security;
	}

	SmtpAuthMethod getAuthMethod() {
		return authMethod;
	}

	boolean hasPassword() {
		return password != null;
	}

	/** The decrypted password: for connecting only, never for a page, a log line or an API answer. */
	String password() {
		return password;
	}

	String oauthTenantId() {
		return oauthTenantId;
	}

	String oauthClientId() {
		return oauthClientId;
	}

	String oauthClientSecret() {
		return oauthClientSecret;
	}

	String googleServiceAccountKey() {
		return googleServiceAccountKey;
	}

	String getPinnedCertificateSha256() {
		return pinnedCertificateSha256;
	}

	String getPinnedCertificateSubject() {
		return pinnedCertificateSubject;
	}

	String getUpdatedBy() {
		return updatedBy;
	}

	Instant getUpdatedAt() {
		return updatedAt;
	}

	long getVersion() {
		return version;
	}

}
