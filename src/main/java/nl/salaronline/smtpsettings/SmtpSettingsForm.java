package nl.salaronline.smtpsettings;

import nl.salaronline.smtp.PresentedCertificate;
import nl.salaronline.smtp.SmtpAuthMethod;
import nl.salaronline.smtp.SmtpSecurity;

/**
 * What the SMTP Instellingen form posts. The password is write-only: it is never filled from the stored settings,
 * and the screen clears it before showing the form again.
 */
class SmtpSettingsForm {

	/** The fields a request may bind; anything else posted (an account or employer id, say) is ignored. */
	static final String[] FIELDS = { "enabled", "host", "port", "username", "security", "password", "version",
			"authMethod", "tenantId", "clientId", "clientSecret", "serviceAccountKey", "provider",
			"pinnedCertificateSha256", "pinnedCertificateSubject", "testRecipient", "plainTextSignIn", "maxPerMinute",
			"maxPerDay", "fallbackToDefault" };

	private boolean enabled;

	private String host;

	private Integer port;

	private String username;

	private SmtpSecurity security;

	private String password;

	/** "Aanmelden met". */
	private SmtpAuthMethod authMethod = SmtpAuthMethod.PASSWORD;

	/** "Tenant-ID" (Microsoft 365). */
	private String tenantId;

	/** "Client-ID" (Microsoft 365). */
	private String clientId;

	/** "Clientgeheim" (Microsoft 365): write-only like the password. */
	private String clientSecret;

	/** "Serviceaccountsleutel (JSON)" (Google Workspace): write-only like the password. */
	private String serviceAccountKey;

	/** The provider whose settings "Invullen" fills in; never stored. */
	private SmtpProvider provider;

	/** The version of the stored settings the user started from; {@code null} when there were none. */
	private Long version;

	/**
	 * The certificate trusted for this level although no CA vouches for it (lower-case hex SHA-256), as stored or as
	 * just chosen after "Test verbinding"; saved with Opslaan. {@code null} when none.
	 */
	private String pinnedCertificateSha256;

	/** Its subject, to show on the screen. */
	private String pinnedCertificateSubject;

	/**
	 * With "Geen": the user confirmed the warning that the secret then crosses the network unencrypted. Required
	 * before a secret is used on such a connection (Opslaan, Test verbinding, Verstuur testmail).
	 */
	private boolean plainTextSignIn;

	/** "Verstuur testmail" sends to this address; never stored. */
	private String testRecipient;

	/**
	 * "Maximaal aantal e-mails per minuut" and "... per dag" as typed (text, so that "abc" or 20 digits get a Dutch
	 * message of our own rather than a conversion error); empty means no limit.
	 */
	private String maxPerMinute;

	private String maxPerDay;

	/** "Bij storing versturen via SalarOnline". */
	private boolean fallbackToDefault;

	static SmtpSettingsForm of(SmtpSettings stored) {
		SmtpSettingsForm form = new SmtpSettingsForm();
		if (stored != null) {
			form.enabled = stored.isEnabled();
			form.host = stored.getHost();
			form.port = stored.getPort();
			form.username = stored.getUsername();
			form.security = stored.getSecurity();
			form.authMethod = stored.getAuthMethod();
			form.tenantId = stored.oauthTenantId();
			form.clientId = stored.oauthClientId();
			form.version = stored.getVersion();
			form.pinnedCertificateSha256 = stored.getPinnedCertificateSha256();
			form.pinnedCertificateSubject = stored.getPinnedCertificateSubject();
			form.plainTextSignIn = stored.isPlainTextSignInConfirmed();
			form.maxPerMinute = stored.getMaxPerMinute() == null ? null : stored.getMaxPerMinute().toString();
			form.maxPerDay = stored.getMaxPerDay() == null ? null : stored.getMaxPerDay().toString();
			form.fallbackToDefault = stored.isFallbackToDefault();
		}
		return form;
	}

	/** The trusted certificate's fingerprint, or {@code null}; empty counts as none. */
	String pinnedSha256() {
		return pinnedCertificateSha256 == null || pinnedCertificateSha256.isBlank() ? null
				: pinnedCertificateSha256.strip();
	}

	String pinnedSubject() {
		return pinnedSha256() == null || pinnedCertificateSubject == null ? null : pinnedCertificateSubject.strip();
	}

	void trustCertificate(String sha256, String subject) {
		this.pinnedCertificateSha256 = sha256;
		this.pinnedCertificateSubject = subject;
	}

	String testRecipientToUse() {
		return testRecipient == null ? null : testRecipient.strip();
	}

	/** The server address as it will be stored: without surrounding spaces. */
	String hostToStore() {
		return host == null ? null : host.strip();
	}

	String usernameToStore() {
		return username == null ? null : username.strip();
	}

	/** A typed password, or {@code null} when the field was left empty (keep the stored one). */
	String newPassword() {
		return password == null || password.isEmpty() ? null : password;
	}

	/** A typed client secret, or {@code null} when the field was left empty (keep the stored one). */
	String newClientSecret() {
		return clientSecret == null || clientSecret.isEmpty() ? null : clientSecret;
	}

	/** A pasted service account key, or {@code null} when the field was left empty (keep the stored one). */
	String newServiceAccountKey() {
		return serviceAccountKey == null || serviceAccountKey.isBlank() ? null : serviceAccountKey.strip();
	}

	String tenantIdToStore() {
		return tenantId == null ? null : tenantId.strip();
	}

	String clientIdToStore() {
		return clientId == null ? null : clientId.strip();
	}

	/** Forgets every secret, so a page shown again never carries one (SPEC section 4). */
	void forgetPassword() {
		this.password = null;
		this.clientSecret = null;
		this.serviceAccountKey = null;
	}

	public boolean isEnabled() {
		return enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHost() {
		return host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public Integer getPort() {
		return port;
	}

	public void setPort(Integer port) {
		this.port = port;
	}

	public String getUsername() {
		return username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public SmtpSecurity getSecurity() {
		return security;
	}

	public void setSecurity(SmtpSecurity security) {
		this.security = security;
	}

	public String getPassword() {
		return password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public SmtpAuthMethod getAuthMethod() {
		return authMethod;
	}

	public void setAuthMethod(SmtpAuthMethod authMethod) {
		this.authMethod = authMethod;
	}

	public String getTenantId() {
		return tenantId;
	}

	public void setTenantId(String tenantId) {
		this.tenantId = tenantId;
	}

	public String getClientId() {
		return clientId;
	}

	public void setClientId(String clientId) {
		this.clientId = clientId;
	}

	public String getClientSecret() {
		return clientSecret;
	}

	public void setClientSecret(String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public String getServiceAccountKey() {
		return serviceAccountKey;
	}

	public void setServiceAccountKey(String serviceAccountKey) {
		this.serviceAccountKey = serviceAccountKey;
	}

	public SmtpProvider getProvider() {
		return provider;
	}

	public void setProvider(SmtpProvider provider) {
		this.provider = provider;
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

	public String getPinnedCertificateSha256() {
		return pinnedCertificateSha256;
	}

	public void setPinnedCertificateSha256(String pinnedCertificateSha256) {
		this.pinnedCertificateSha256 = pinnedCertificateSha256;
	}

	public String getPinnedCertificateSubject() {
		return pinnedCertificateSubject;
	}

	public void setPinnedCertificateSubject(String pinnedCertificateSubject) {
		this.pinnedCertificateSubject = pinnedCertificateSubject;
	}

	/** The per-minute limit to store: {@code null} when empty (the validator has refused anything else). */
	Integer maxPerMinuteToStore() {
		return limitToStore(maxPerMinute);
	}

	Integer maxPerDayToStore() {
		return limitToStore(maxPerDay);
	}

	private static Integer limitToStore(String typed) {
		return typed == null || typed.isBlank() ? null : Integer.valueOf(typed.strip());
	}

	public String getMaxPerMinute() {
		return maxPerMinute;
	}

	public void setMaxPerMinute(String maxPerMinute) {
		this.maxPerMinute = maxPerMinute;
	}

	public String getMaxPerDay() {
		return maxPerDay;
	}

	public void setMaxPerDay(String maxPerDay) {
		this.maxPerDay = maxPerDay;
	}

	public boolean isFallbackToDefault() {
		return fallbackToDefault;
	}

	public void setFallbackToDefault(boolean fallbackToDefault) {
		this.fallbackToDefault = fallbackToDefault;
	}

	/** The fingerprint as people compare it: AB:CD:... */
	public String getPinnedCertificateDisplay() {
		return pinnedSha256() == null ? null : PresentedCertificate.sha256ForDisplay(pinnedSha256());
	}

	public boolean isPlainTextSignIn() {
		return plainTextSignIn;
	}

	public void setPlainTextSignIn(boolean plainTextSignIn) {
		this.plainTextSignIn = plainTextSignIn;
	}

	/** Whether the chosen security sends the secret unencrypted: "Geen". */
	boolean unencrypted() {
		return security == SmtpSecurity.NONE;
	}

	public String getTestRecipient() {
		return testRecipient;
	}

	public void setTestRecipient(String testRecipient) {
		this.testRecipient = testRecipient;
	}

	@Override
	public String toString() {
		return "SmtpSettingsForm[enabled=" + enabled + ", host=" + host + ", port=" + port + ", username=" + username
				+ ", security=" + security + ", authMethod=" + authMethod + ", tenantId=" + tenantId + ", clientId="
				+ clientId + ", password=" + (password == null ? "none" : "***") + ", clientSecret="
				+ (clientSecret == null ? "none" : "***") + ", serviceAccountKey="
				+ (serviceAccountKey == null ? "none" : "***") + "]";
	}

}
