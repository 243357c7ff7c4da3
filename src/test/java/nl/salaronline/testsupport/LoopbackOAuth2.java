package nl.salaronline.testsupport;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import loopback.oauth2.LoopbackAuthorizationServer;
import loopback.oauth2.LoopbackAuthorizationServer.Introspection;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.smtp.SmtpServer;
import nl.salaronline.smtp.oauth2.OAuth2Properties;

/**
 * The real components of the XOAUTH2 tests on loopback: the authorization server, and an SMTP server that checks
 * each token by introspection the way Exchange Online (the app must have access to the mailbox; SMTP AUTH may be off
 * for a mailbox) and Gmail (the token's subject must be the mailbox) do.
 */
public final class LoopbackOAuth2 implements AutoCloseable {

	public static final String EXCHANGE_REFUSAL = "535 5.7.3 Authentication unsuccessful";

	public static final String SMTP_AUTH_DISABLED = "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is "
			+ "disabled for the Mailbox.";

	public static final String GMAIL_REFUSAL = "535 5.7.8 Username and Password not accepted.";

	public final LoopbackAuthorizationServer auth = LoopbackAuthorizationServer.start();

	public final XOAuth2SmtpServer smtp = XOAuth2SmtpServer.start(this::refusal);

	/** Exchange's mailbox permissions: which apps (client ids) may send as a mailbox. */
	private final Map<String, Set<String>> mailboxAccess = new ConcurrentHashMap<>();

	private final Set<String> smtpAuthDisabled = ConcurrentHashMap.newKeySet();

	public void grantMailbox(String mailbox, String clientId) {
		mailboxAccess.computeIfAbsent(mailbox, m -> ConcurrentHashMap.newKeySet()).add(clientId);
	}

	/** The administrator takes the app's access to the mailbox away: every token of the app is refused from now on. */
	public void revokeMailboxAccess(String mailbox, String clientId) {
		mailboxAccess.computeIfPresent(mailbox, (m, apps) -> {
			apps.remove(clientId);
			return apps;
		});
	}

	public void disableSmtpAuth(String mailbox) {
		smtpAuthDisabled.add(mailbox);
	}

	private String refusal(String mailbox, String accessToken) {
		Introspection token = auth.introspect(accessToken);
		if (!token.active()) {
			return EXCHANGE_REFUSAL;
		}
		if (smtpAuthDisabled.contains(mailbox)) {
			return SMTP_AUTH_DISABLED;
		}
		if (token.scopes().contains(LoopbackAuthorizationServer.GOOGLE_SCOPE)) {
			return mailbox.equals(token.subject()) ? null : GMAIL_REFUSAL;
		}
		if (token.scopes().contains(LoopbackAuthorizationServer.MICROSOFT_SCOPE)
				&& mailboxAccess.getOrDefault(mailbox, Set.of()).contains(token.clientId())) {
			return null;
		}
		return EXCHANGE_REFUSAL;
	}

	public OAuth2Properties properties(Duration timeout) {
		return new OAuth2Properties(
				new OAuth2Properties.Microsoft(auth.microsoftTokenUri(), LoopbackAuthorizationServer.MICROSOFT_SCOPE),
				new OAuth2Properties.Google(auth.googleTokenUri(), LoopbackAuthorizationServer.GOOGLE_SCOPE), timeout,
				Duration.ofMinutes(5));
	}

	/** A level's server as the settings would give it: the loopback SMTP server, the mailbox, the credentials. */
	public SmtpServer server(String mailbox, SmtpCredentials credentials) {
		return new SmtpServer("127.0.0.1", smtp.port(), SmtpSecurity.NONE, mailbox, credentials, null, true);
	}

	/** Sends one real mail through Angus Mail with {@code AUTH XOAUTH2}. */
	public void send(String mailbox, String accessToken, String subject) throws MessagingException {
		Properties props = new Properties();
		props.put("mail.smtp.auth", "true");
		props.put("mail.smtp.auth.mechanisms", "XOAUTH2");
		props.put("mail.smtp.connectiontimeout", "5000");
		props.put("mail.smtp.timeout", "5000");
		props.put("mail.smtp.writetimeout", "5000");
		Session session = Session.getInstance(props);
		MimeMessage message = new MimeMessage(session);
		message.setFrom(new InternetAddress(mailbox));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress("werknemer@example.nl"));
		message.setSubject(subject);
		message.setText("Uw loonstrook staat klaar.");
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect("127.0.0.1", smtp.port(), mailbox, accessToken);
			transport.sendMessage(message, message.getAllRecipients());
		}
	}

	public static String uniqueMailbox() {
		return "salaris-" + UUID.randomUUID().toString().substring(0, 8) + "@korenbloem.nl";
	}

	public static KeyPair rsaKeyPair() {
		return ServiceAccountKeys.rsaKeyPair();
	}

	public static String serviceAccountKeyJson(String clientEmail, KeyPair keyPair, String tokenUri) {
		return ServiceAccountKeys.json(clientEmail, keyPair, tokenUri);
	}

	@Override
	public void close() {
		smtp.close();
		auth.close();
	}

}
