package nl.salaronline.mail.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
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
 * {@code salaronline.mail.connection.idle-timeout} without use. At most {@code salaronline.mail.connection.max-idle}
 * connections are kept (each costs heap, a socket and a session at the level's server); beyond that Caffeine evicts
 * one it judges least worth keeping (used least recently and least often), and the evicted connection is closed.
 * <p>
 * Own-SMTP connections come from the smtp module ({@link SmtpConnections}: timeouts, TLS, certificate and host
 * checks). The default transport is Spring Boot's {@link JavaMailSenderImpl} from {@code spring.mail.*}; its own
 * {@code send} opens a connection per call, so its session and connection settings are used here directly.
 */
@Component
class SmtpChannels implements DisposableBean {

	/**
	 * The idle connections by channel. Only what sits here is kept: a connection handed out by {@link #acquire} is
	 * the caller's until {@link #release}. Removal notifications run on the thread that caused them (a release that
	 * evicts, or {@link #closeIdle}), not on the common pool, so a closed connection is closed when the call returns.
	 */
	private final Cache<String, SmtpChannel> idle;

	private final SmtpConnections connections;

	private final ObjectProvider<JavaMailSender> defaultSender;

	@Autowired
	SmtpChannels(SmtpConnections connections, ObjectProvider<JavaMailSender> defaultSender,
			OutboxProperties properties) {
		this(connections, defaultSender, properties.connection(), Ticker.systemTicker());
	}

	SmtpChannels(SmtpConnections connections, ObjectProvider<JavaMailSender> defaultSender,
			OutboxProperties.Connection settings, Ticker ticker) {
		this.connections = connections;
		this.defaultSender = defaultSender;
		this.idle = Caffeine.newBuilder()
			.expireAfterAccess(settings.idleTimeout())
			.maximumSize(settings.maxIdle())
			.ticker(ticker)
			.executor(Runnable::run)
			.removalListener(SmtpChannels::closeEvicted)
			.build();
	}

	/** A connected channel for the route, for the caller's exclusive use until {@link #release} or close. */
	SmtpChannel acquire(Route route) throws MessagingException {
		SmtpChannel cached = idle.asMap().remove(route.channel()); // an expired one is closed, not returned
		if (cached != null) {
			if (cached.settingsVersion() == route.settingsVersion() && cached.isUsable()) {
				return cached;
			}
			cached.close(); // settings changed, or the server hung up
		}
		return route.ownSmtp() == null ? openDefault() : openOwn(route);
	}

	/** Puts a channel back for the next mails of its level (which may evict and close another idle one). */
	void release(SmtpChannel channel) {
		SmtpChannel previous = idle.asMap().put(channel.key(), channel);
		if (previous != null && previous != channel) {
			previous.close();
		}
	}

	/** Closes connections nobody used for the idle timeout. */
	void closeIdle() {
		idle.cleanUp();
	}

	/** Closes every kept connection (e.g. on shutdown). */
	void closeAll() {
		idle.asMap().keySet().forEach(key -> {
			SmtpChannel channel = idle.asMap().remove(key);
			if (channel != null) {
				channel.close();
			}
		});
	}

	/** How many connections are kept idle now. */
	long kept() {
		idle.cleanUp();
		return idle.estimatedSize();
	}

	@Override
	public void destroy() {
		closeAll();
	}

	/**
	 * Closes a connection the cache dropped: expired or evicted for size. Not one taken out by {@link #acquire}
	 * (EXPLICIT: the caller uses it) nor one replaced by {@link #release} (closed there unless it is the same one).
	 */
	private static void closeEvicted(String key, SmtpChannel channel, RemovalCause cause) {
		if (cause.wasEvicted() && channel != null) {
			channel.close();
		}
	}

	/** The server a route goes to as {@code host:port}, for log lines. */
	String serverOf(Route route) {
		if (route.ownSmtp() != null) {
			SmtpServer server = route.ownSmtp().server();
			return server.host() + ":" + server.port();
		}
		if (defaultSender.getIfAvailable() instanceof JavaMailSenderImpl mailer) {
			return mailer.getHost() + ":" + (mailer.getPort() > 0 ? mailer.getPort() : 25);
		}
		return "no default transport";
	}

	private SmtpChannel openOwn(Route route) throws MessagingException {
		SmtpServer server = route.ownSmtp().server();
		Session session = connections.session(server);
		Transport transport = connections.connect(server);
		return new SmtpChannel(route.channel(), route.settingsVersion(), session, transport);
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
		return new SmtpChannel(Route.DEFAULT_CHANNEL, 0, session, transport);
	}

}
