package nl.salaronline.mail;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import nl.salaronline.smtp.SmtpConnections;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.smtp.SmtpServer;
import nl.salaronline.smtpsettings.OwnSmtp;
import nl.salaronline.smtpsettings.SmtpSettingsLookup;

/** TEMPORARY: stand-ins until the smtpsettings and smtp modules land on main. */
@TestConfiguration(proxyBeanMethods = false)
class TemporaryStandIns {

	static final Map<Long, OwnSmtp> ACCOUNTS = new ConcurrentHashMap<>();

	static final Map<Long, OwnSmtp> EMPLOYERS = new ConcurrentHashMap<>();

	@Bean
	SmtpSettingsLookup smtpSettingsLookup() {
		return new SmtpSettingsLookup() {

			@Override
			public Optional<OwnSmtp> forAccount(long accountId) {
				return Optional.ofNullable(ACCOUNTS.get(accountId));
			}

			@Override
			public Optional<OwnSmtp> forEmployer(long employerId) {
				return Optional.ofNullable(EMPLOYERS.get(employerId));
			}

		};
	}

	@Bean
	SmtpConnections smtpConnections() {
		return new SmtpConnections() {

			@Override
			public Session session(SmtpServer server) {
				String protocol = server.security() == SmtpSecurity.SSL_TLS ? "smtps" : "smtp";
				Properties properties = new Properties();
				properties.put("mail.transport.protocol", protocol);
				properties.put("mail." + protocol + ".auth", "true");
				properties.put("mail." + protocol + ".connectiontimeout", "10000");
				properties.put("mail." + protocol + ".timeout", "10000");
				properties.put("mail." + protocol + ".ssl.trust", "*");
				properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
				if (server.security() == SmtpSecurity.STARTTLS) {
					properties.put("mail.smtp.starttls.enable", "true");
					properties.put("mail.smtp.starttls.required", "true");
				}
				return Session.getInstance(properties);
			}

			@Override
			public Transport connect(SmtpServer server) throws MessagingException {
				Session session = session(server);
				Transport transport = session.getTransport();
				transport.connect(server.host(), server.port(), server.username(),
						((SmtpCredentials.Password) server.credentials()).password());
				return transport;
			}

		};
	}

}
