package nl.salaronline.smtpsettings;

import nl.salaronline.smtp.SmtpSecurity;

/**
 * What the SMTP Instellingen form posts. The password is write-only: it is never filled from the stored settings,
 * and the screen clears it before showing the form again.
 */
class SmtpSettingsForm {

	/** The fields a request may bind; anything else posted (an account or employer id, say) is ignored. */
	static final String[] FIELDS = { "enabled", "host", "port", "username", "security", "password", "version" };

	private boolean enabled;

	private String host;

	private Integer port;

	private String username;

	private SmtpSecurity security;

	private String password;

	/** The version of the stored settings the user started from; {@code null} when there were none. */
	private Long version;

	static SmtpSettingsForm of(SmtpSettings stored) {
		SmtpSettingsForm form = new SmtpSettingsForm();
		if (stored != null) {
			form.enabled = stored.isEnabled();
			form.host = stored.getHost();
			form.port = stored.getPort();
			form.username = stored.getUsername();
			form.security = stored.getSecurity();
			form.version = stored.getVersion();
		}
		return form;
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

	void forgetPassword() {
		this.password = null;
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

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

	@Override
	public String toString() {
		return "SmtpSettingsForm[enabled=" + enabled + ", host=" + host + ", port=" + port + ", username=" + username
				+ ", security=" + security + ", password=" + (password == null ? "none" : "***") + "]";
	}

}
