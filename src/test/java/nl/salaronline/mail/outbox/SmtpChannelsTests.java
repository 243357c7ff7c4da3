package nl.salaronline.mail.outbox;

import static nl.salaronline.mail.MailFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SessionHandler;

import nl.salaronline.mail.MailTransport;
import nl.salaronline.smtp.SmtpConnections;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.smtp.SmtpServer;
import nl.salaronline.smtpsettings.OwnSmtp;

/**
 * The connections the worker keeps between mails, against a real SMTP server that counts the connections it sees
 * opened and ended. Jakarta Mail connects directly here (the smtp module's host and TLS checks are tested there); the
 * idle clock is a fake one, so no test waits for the idle timeout.
 */
class SmtpChannelsTests {

	private static final String USER = "smtp@levels.nl";

	private static final String PASSWORD = "geheim";

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

	private final AtomicInteger opened = new AtomicInteger();

	private final AtomicInteger ended = new AtomicInteger();

	private final List<MimeMessage> received = new CopyOnWriteArrayList<>();

	private final AtomicLong nanos = new AtomicLong();

	private SMTPServer server;

	@BeforeEach
	void startServer() {
		server = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("localhost")
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
				if (!USER.equals(user) || !PASSWORD.equals(password)) {
					throw new LoginFailedException();
				}
			}))
			.requireAuth()
			.sessionHandler(new SessionHandler() {
				@Override
				public SessionAcceptance accept(org.subethamail.smtp.server.Session session) {
					opened.incrementAndGet();
					return SessionAcceptance.success();
				}

				@Override
				public void onSessionEnd(org.subethamail.smtp.server.Session session) {
					ended.incrementAndGet();
				}
			})
			.messageHandler((context, from, to, data) -> {
				try {
					received.add(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data)));
				}
				catch (MessagingException ex) {
					throw new IllegalStateException(ex);
				}
			})
			.build();
		server.start();
	}

	@AfterEach
	void stopServer() {
		server.stop();
	}

	@Test
	void atMostMaxIdleConnectionsAreKeptAndTheEvictedOneIsClosed() throws Exception {
		SmtpChannels channels = channels(2);
		List<Route> levels = List.of(route("EMPLOYER:1", 1), route("EMPLOYER:2", 1), route("EMPLOYER:3", 1));
		for (Route level : levels) {
			SmtpChannel channel = channels.acquire(level);
			send(channel, "Eerste strook");
			channels.release(channel);
		}
		assertThat(opened).as("connections opened, one per level").hasValue(3);
		await(Duration.ofSeconds(10), "the server sees one connection closed", () -> ended.get() == 1);
		assertThat(channels.kept()).isEqualTo(2);

		// all three levels mail again at once: the two kept connections are used, one is opened anew
		List<SmtpChannel> again = new ArrayList<>();
		for (Route level : levels) {
			again.add(channels.acquire(level));
		}
		for (SmtpChannel channel : again) {
			send(channel, "Tweede strook");
		}
		assertThat(opened).as("connections opened in all").hasValue(4);
		assertThat(received).hasSize(6);
		assertThat(ended).as("connections in use are not closed").hasValue(1);

		again.forEach(channels::release);
		await(Duration.ofSeconds(10), "the server sees another connection closed", () -> ended.get() == 2);
		channels.closeAll();
		await(Duration.ofSeconds(10), "every connection is closed", () -> ended.get() == 4);
		assertThat(channels.kept()).isZero();
	}

	@Test
	void aConnectionUnusedForTheIdleTimeoutIsClosedAndAUsedOneIsKept() throws Exception {
		SmtpChannels channels = channels(10);
		Route quiet = route("EMPLOYER:1", 1);
		Route busy = route("ACCOUNT:1", 1);
		channels.release(channels.acquire(quiet));
		channels.release(channels.acquire(busy));

		nanos.addAndGet(IDLE_TIMEOUT.minusSeconds(5).toNanos());
		channels.closeIdle();
		SmtpChannel reused = channels.acquire(busy);
		send(reused, "Strook");
		channels.release(reused);

		nanos.addAndGet(Duration.ofSeconds(10).toNanos()); // quiet: 35 s unused; busy: 10 s
		channels.closeIdle();
		await(Duration.ofSeconds(10), "the server sees the quiet level's connection closed", () -> ended.get() == 1);
		assertThat(channels.kept()).isEqualTo(1);
		send(channels.acquire(busy), "Nog een strook");
		assertThat(opened).as("connections opened").hasValue(2);

		// also without a clean-up in between: an expired connection is closed instead of handed out
		SmtpChannel next = channels.acquire(quiet);
		channels.release(next);
		nanos.addAndGet(IDLE_TIMEOUT.plusSeconds(1).toNanos());
		send(channels.acquire(quiet), "Na een pauze");
		assertThat(opened).as("connections opened").hasValue(4);
		await(Duration.ofSeconds(10), "the server sees the expired connection closed", () -> ended.get() == 2);
	}

	@Test
	void aConnectionWithOldSettingsIsClosedAndReplaced() throws Exception {
		SmtpChannels channels = channels(10);
		channels.release(channels.acquire(route("EMPLOYER:1", 1)));
		SmtpChannel changed = channels.acquire(route("EMPLOYER:1", 2));
		send(changed, "Na wijziging");
		assertThat(opened).hasValue(2);
		await(Duration.ofSeconds(10), "the server sees the old connection closed", () -> ended.get() == 1);
		channels.release(changed);
		assertThat(channels.acquire(route("EMPLOYER:1", 2))).isSameAs(changed);
	}

	private SmtpChannels channels(int maxIdle) {
		return new SmtpChannels(new DirectConnections(), new StaticListableBeanFactory().getBeanProvider(
				JavaMailSender.class), new OutboxProperties.Connection(IDLE_TIMEOUT, maxIdle), nanos::get);
	}

	private Route route(String channel, long settingsVersion) throws Exception {
		SmtpServer smtp = new SmtpServer("127.0.0.1", server.getPortAllocated(), SmtpSecurity.NONE, USER,
				new SmtpCredentials.Password(PASSWORD), null, true);
		return new Route(channel.startsWith("ACCOUNT") ? MailTransport.ACCOUNT : MailTransport.EMPLOYER, channel,
				new InternetAddress(USER), null, new OwnSmtp(smtp, settingsVersion));
	}

	private static void send(SmtpChannel channel, String subject) throws MessagingException {
		MimeMessage message = new MimeMessage(channel.session());
		message.setFrom(new InternetAddress(USER));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress("werknemer@levels.nl"));
		message.setSubject(subject);
		message.setText("Zie bijlage");
		assertThat(channel.send(message)).startsWith("250");
	}

	/** Jakarta Mail's own SMTP transport, signed in with the level's password. */
	private static final class DirectConnections implements SmtpConnections {

		@Override
		public Session session(SmtpServer server) {
			Properties properties = new Properties();
			properties.put("mail.smtp.auth", "true");
			properties.put("mail.smtp.timeout", "10000");
			properties.put("mail.smtp.connectiontimeout", "10000");
			return Session.getInstance(properties);
		}

		@Override
		public Transport connect(SmtpServer server) throws MessagingException {
			Transport transport = session(server).getTransport("smtp");
			transport.connect(server.host(), server.port(), server.username(),
					((SmtpCredentials.Password) server.credentials()).password());
			return transport;
		}

	}

}
