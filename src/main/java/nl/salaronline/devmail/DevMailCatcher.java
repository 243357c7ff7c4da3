package nl.salaronline.devmail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import nl.salaronline.mail.MailAccounts;

/**
 * An in-process SMTP server (subethasmtp) on the default transport's port, started with the application when the
 * default transport points at this machine and nothing listens there yet. It accepts every mail without sign-in and
 * keeps it in memory ({@link CaughtMails}); nothing is sent on. Bound to loopback only.
 */
@Component
@DevMailCatcherEnabled
class DevMailCatcher implements InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DevMailCatcher.class);

	private static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

	private final String host;

	private final int port;

	private final MailAccounts accounts;

	private final Clock clock = Clock.systemUTC();

	private final CaughtMails mails = new CaughtMails();

	private volatile SMTPServer server;

	DevMailCatcher(@Value("${spring.mail.host:}") String host, @Value("${spring.mail.port:25}") int port,
			MailAccounts accounts) {
		this.host = host;
		this.port = port;
		this.accounts = accounts;
	}

	@Override
	public void afterPropertiesSet() {
		if (!isLoopback(host)) {
			log.info("Postvak (ontwikkeling) is off: the default transport goes to {}:{}, not to this machine", host,
					port);
			return;
		}
		if (listening(port)) {
			log.info("Postvak (ontwikkeling) is off: a mail catcher already listens on {}:{} and gets the mails", host,
					port);
			return;
		}
		SMTPServer started = SMTPServer.port(port)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("localhost")
			.softwareName("SalarOnline Postvak (ontwikkeling)")
			.maxMessageSize(MAX_MESSAGE_BYTES)
			.connectionTimeoutMs(60_000)
			.messageHandlerFactory(Receiver::new)
			.build();
		try {
			started.start();
			this.server = started;
		}
		catch (RuntimeException ex) {
			log.warn("Postvak (ontwikkeling) could not listen on {}:{}: {}", host, port, ex.getMessage());
		}
	}

	/** The one line that says where the catcher listens and where to look, once the web server's port is known. */
	@EventListener
	void webServerStarted(WebServerInitializedEvent event) {
		if (isRunning() && event.getApplicationContext().getParent() == null) {
			log.info("Postvak (ontwikkeling): mails of the default transport are caught on {}:{}; see them at "
					+ "http://localhost:{}/postvak", host, port, event.getWebServer().getPort());
		}
	}

	boolean isRunning() {
		return server != null;
	}

	List<CaughtMail> newestFirst() {
		return mails.newestFirst();
	}

	Optional<CaughtMail> find(long id) {
		return mails.find(id);
	}

	@Override
	public void destroy() {
		SMTPServer running = server;
		server = null;
		if (running != null) {
			running.stop();
		}
	}

	private void caught(byte[] data) throws MessagingException, IOException {
		MimeMessage message = CaughtMailReader.parse(data);
		Long accountId = MailAccounts.fromMessageId(message.getMessageID())
			.flatMap(accounts::accountOf)
			.orElse(null);
		mails.add(id -> {
			try {
				return CaughtMailReader.read(message, id, clock.instant(), accountId);
			}
			catch (MessagingException | IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	static boolean isLoopback(String host) {
		if (host == null || host.isBlank()) {
			return false;
		}
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** One SMTP conversation's message. */
	private final class Receiver implements MessageHandler {

		Receiver(MessageContext context) {
		}

		@Override
		public void from(String from) {
		}

		@Override
		public void recipient(String recipient) {
		}

		@Override
		public String data(InputStream data) throws RejectException, IOException {
			try {
				caught(data.readAllBytes());
			}
			catch (MessagingException | RuntimeException ex) {
				log.warn("Postvak (ontwikkeling): a received message could not be read: {}", ex.toString());
				throw new RejectException(554, "5.6.0 message could not be read");
			}
			return null;
		}

		@Override
		public void done() {
		}

	}

}
