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
	MICROSOFT_365("smtp.office365.com", 587, SmtpSecurity.STARTTLS, false),

	// Google Workspace Admin Help, "Send email from a printer, scanner, or app" (SMTP AUTH: smtp.gmail.com, 587 TLS)
	// https://support.google.com/a/answer/176600 ; with a password Google requires an app password:
	// https://support.google.com/accounts/answer/185833
	GMAIL("smtp.gmail.com", 587, SmtpSecurity.STARTTLS, true),

	// Apple Support, "iCloud Mail server settings for other email client apps": smtp.mail.me.com, port 587, STARTTLS,
	// with an app-specific password https://support.apple.com/en-us/102525
	ICLOUD("smtp.mail.me.com", 587, SmtpSecurity.STARTTLS, true),

	// KPN Klantenservice, "Instellingen KPN Mail": uitgaande server smtp.kpnmail.nl, poort 587, STARTTLS
	// (kpn.com, Service, E-mail)
	KPN("smtp.kpnmail.nl", 587, SmtpSecurity.STARTTLS, false),

	// Ziggo Klantenservice, "E-mail instellen in een e-mailprogramma": smtp.ziggo.nl, poort 587, STARTTLS
	// (ziggo.nl, Klantenservice, E-mail)
	ZIGGO("smtp.ziggo.nl", 587, SmtpSecurity.STARTTLS, false),

	// TransIP Kennisbank, "Wat zijn de instellingen voor mijn e-mailprogramma?": smtp.transip.email, poort 465,
	// SSL/TLS (transip.nl, Kennisbank, E-mail)
	TRANSIP("smtp.transip.email", 465, SmtpSecurity.SSL_TLS, false),

	// STRATO FAQ, "Welke servergegevens heb ik nodig voor mijn e-mailprogramma?": smtp.strato.com, poort 465, SSL
	// (strato.nl, FAQ, E-mail)
	STRATO("smtp.strato.com", 465, SmtpSecurity.SSL_TLS, false);

	private final String host;

	private final int port;

	private final SmtpSecurity security;

	private final boolean appPasswordWithPassword;

	SmtpProvider(String host, int port, SmtpSecurity security, boolean appPasswordWithPassword) {
		this.host = host;
		this.port = port;
		this.security = security;
		this.appPasswordWithPassword = appPasswordWithPassword;
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

	/** Fills server address, port and security; everything else the user typed stays. */
	void fill(SmtpSettingsForm form) {
		form.setHost(host);
		form.setPort(port);
		form.setSecurity(security);
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

}
