package nl.salaronline.smtpsettings;

import nl.salaronline.smtp.SmtpSecurity;

/**
 * Provider presets: choosing one fills SMTP Serveradres, SMTP Serverpoort and Gebruik Beveiliging with the settings
 * the provider publishes for sending from a mail program; the user can still change them. Each names its source.
 * Only providers whose published settings we can cite are listed (Mijndomein is not: we could not confirm its
 * published SMTP settings).
 */
enum SmtpProvider {

	// Microsoft Learn, "How to set up a multifunction device or application to send email using Microsoft 365":
	// SMTP AUTH client submission, smtp.office365.com, port 587, STARTTLS
	// https://learn.microsoft.com/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365
	// Limits: Microsoft Learn, "Exchange Online limits", Sending limits: 30 messages per minute per mailbox over SMTP
	// AUTH client submission, 10,000 recipients per day (a rolling 24 hours)
	// https://learn.microsoft.com/office365/servicedescriptions/exchange-online-service-description/exchange-online-limits#sending-limits-1
	MICROSOFT_365("smtp.office365.com", 587, SmtpSecurity.STARTTLS, false, 30, 10_000),

	// Google Workspace Admin Help, "Send email from a printer, scanner, or app" (SMTP AUTH: smtp.gmail.com, 587 TLS)
	// https://support.google.com/a/answer/176600 ; with a password Google requires an app password:
	// https://support.google.com/accounts/answer/185833
	// Limits: Google Workspace Admin Help, "Gmail sending limits in Google Workspace": 2,000 messages per user per day
	// (a rolling 24 hours; no published per-minute limit) https://support.google.com/a/answer/166852
	GMAIL("smtp.gmail.com", 587, SmtpSecurity.STARTTLS, true, null, 2_000),

	// Apple Support, "iCloud Mail server settings for other email client apps": smtp.mail.me.com, port 587, STARTTLS,
	// with an app-specific password https://support.apple.com/en-us/102525
	// Limits: Apple Support, "Mail limits in iCloud": up to 1,000 messages per day https://support.apple.com/en-us/102198
	ICLOUD("smtp.mail.me.com", 587, SmtpSecurity.STARTTLS, true, null, 1_000),

	// KPN Klantenservice, "Instellingen KPN Mail": uitgaande server smtp.kpnmail.nl, poort 587, STARTTLS
	// (kpn.com, Service, E-mail)
	KPN("smtp.kpnmail.nl", 587, SmtpSecurity.STARTTLS, false, null, null),

	// Ziggo Klantenservice, "E-mail instellen in een e-mailprogramma": smtp.ziggo.nl, poort 587, STARTTLS
	// (ziggo.nl, Klantenservice, E-mail)
	ZIGGO("smtp.ziggo.nl", 587, SmtpSecurity.STARTTLS, false, null, null),

	// TransIP Kennisbank, "Wat zijn de instellingen voor mijn e-mailprogramma?": smtp.transip.email, poort 465,
	// SSL/TLS (transip.nl, Kennisbank, E-mail)
	TRANSIP("smtp.transip.email", 465, SmtpSecurity.SSL_TLS, false, null, null),

	// STRATO FAQ, "Welke servergegevens heb ik nodig voor mijn e-mailprogramma?": smtp.strato.com, poort 465, SSL
	// (strato.nl, FAQ, E-mail)
	// KPN, Ziggo, TransIP and STRATO publish no per-mailbox sending limit we could cite: their limits stay empty
	STRATO("smtp.strato.com", 465, SmtpSecurity.SSL_TLS, false, null, null);

	private final String host;

	private final int port;

	private final SmtpSecurity security;

	private final boolean appPasswordWithPassword;

	private final Integer maxPerMinute;

	private final Integer maxPerDay;

	SmtpProvider(String host, int port, SmtpSecurity security, boolean appPasswordWithPassword, Integer maxPerMinute,
			Integer maxPerDay) {
		this.host = host;
		this.port = port;
		this.security = security;
		this.appPasswordWithPassword = appPasswordWithPassword;
		this.maxPerMinute = maxPerMinute;
		this.maxPerDay = maxPerDay;
	}

	String host() {
		return host;
	}

	int port() {
		return port;
	}

	SmtpSecurity security() {
		return security;
	}

	/** Signing in with a password needs an app password there, not the account's own password. */
	public boolean needsAppPassword() {
		return appPasswordWithPassword;
	}

	/** The provider's name on the screen: {@code smtp.provider.<NAME>}. */
	public String messageKey() {
		return "smtp.provider." + name();
	}

	/** Fills server address, port, security and the published sending limits; everything else typed stays. */
	void fill(SmtpSettingsForm form) {
		form.setHost(host);
		form.setPort(port);
		form.setSecurity(security);
		form.setMaxPerMinute(maxPerMinute == null ? null : maxPerMinute.toString());
		form.setMaxPerDay(maxPerDay == null ? null : maxPerDay.toString());
	}

	// for the page's data attributes, so the script can fill the fields without a round trip
	public String getHost() {
		return host;
	}

	public int getPort() {
		return port;
	}

	public SmtpSecurity getSecurity() {
		return security;
	}

	public Integer getMaxPerMinute() {
		return maxPerMinute;
	}

	public Integer getMaxPerDay() {
		return maxPerDay;
	}

}
