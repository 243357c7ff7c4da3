package nl.salaronline.mail.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import nl.salaronline.smtp.SmtpConnections;
import nl.salaronline.smtp.SmtpServer;

/**
 * Keeps SMTP connections open between mails: one per channel (a level's own server, or the default transport), so a
 * burst of mails for the same level goes over one connection instead of a connect, TLS handshake and sign-in each.
 * A connection is rebuilt when the level's settings version changes, and closed after
 * {@code salaronline.mail.connection.idle-timeout} without use.
 * <p>
 * Own-SMTP connections come from the smtp module ({@link SmtpConnections}: timeouts, TLS, certificate and host
 * checks). The default transport is Spring Boot's {@link JavaMailSenderImpl} from {@code spring.mail.*}; its own
 * {@code send} opens a connection per call, so its session and connection settings are used here directly.
 */
@Component
class SmtpChannels implements DisposableBean {

	private final ConcurrentHashMap<String, SmtpChannel> idle = new ConcurrentHashMap<>();

	private final SmtpConnections connections;

	private final ObjectProvider<JavaMailSender> defaultSender;

	private final OutboxProperties properties;

	private final Clock clock = Clock.systemUTC();

	SmtpChannels(SmtpConnections connections, ObjectProvider<JavaMailSender> defaultSender,
			OutboxProperties properties) {
		this.connections = connections;
		this.defaultSender = defaultSender;
		this.properties = properties;
	}

	/** A connected channel for the route, for the caller's exclusive use until {@link #release} or close. */
	SmtpChannel acquire(Route route) throws MessagingException {
		SmtpChannel cached = idle.remove(route.channel());
		if (cached != null) {
			if (cached.settingsVersion() == route.settingsVersion() && cached.isUsable()) {
				return cached;
			}
			cached.close(); // settings changed, or the server hung up
		}
		return route.ownSmtp() == null ? openDefault() : openOwn(route);
	}

	/** Puts a channel back for the next mails of its level. */
	void release(SmtpChannel channel) {
		channel.touch(clock.instant());
		SmtpChannel previous = idle.put(channel.key(), channel);
		if (previous != null && previous != channel) {
			previous.close();
		}
	}

	/** Closes connections nobody used for the idle timeout. */
	void closeIdle() {
		Instant before = clock.instant().minus(properties.connection().idleTimeout());
		idle.forEach((key, channel) -> {
			if (channel.lastUsed().isBefore(before) && idle.remove(key, channel)) {
				channel.close();
			}
		});
	}

	/** Closes every kept connection (e.g. on shutdown). */
	void closeAll() {
		idle.forEach((key, channel) -> {
			if (idle.remove(key, channel)) {
				channel.close();
			}
		});
	}

	@Override
	public void destroy() {
		closeAll();
	}

	private SmtpChannel openOwn(Route route) throws MessagingException {
		SmtpServer server = route.ownSmtp().server();
		Session session = connections.session(server);
		Transport transport = connections.connect(server);
		return new SmtpChannel(route.channel(), route.settingsVersion(), session, transport, clock.instant());
	}

	private SmtpChannel openDefault() throws MessagingException {
		JavaMailSender sender = defaultSender.getIfAvailable();
		if (!(sender instanceof JavaMailSenderImpl mailer)) {
			throw new MessagingException("No default mail transport: set spring.mail.host");
		}
		Session session = mailer.getSession();
		Transport transport = session.getTransport(StringUtils.hasText(mailer.getProtocol()) ? mailer.getProtocol()
				: JavaMailSenderImpl.DEFAULT_PROTOCOL);
		// as JavaMailSenderImpl.connectTransport does: no user name means no AUTH
		String username = StringUtils.hasLength(mailer.getUsername()) ? mailer.getUsername() : null;
		String password = username == null ? null : mailer.getPassword();
		transport.connect(mailer.getHost(), mailer.getPort(), username, password);
		return new SmtpChannel(Route.DEFAULT_CHANNEL, 0, session, transport, clock.instant());
	}

}
