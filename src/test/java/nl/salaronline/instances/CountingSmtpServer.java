package nl.salaronline.instances;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server on loopback (subethasmtp, no sign-in) that keeps every message it accepted, by the token in its
 * subject, and can go away and come back on the same port, as a provider's server does during an outage. A message
 * counts as arrived once its data was read in full, before the server answers 250: a connection lost right then makes
 * the sender try again, which is how duplicates arise in real life too.
 */
final class CountingSmtpServer implements AutoCloseable {

	/** One copy of a message as it arrived. */
	record Arrival(String envelopeFrom, String from, String messageId, String subject) {
	}

	/** 0 until the first start picked one; then the same port at every restart. */
	private volatile int port;

	private final Map<String, List<Arrival>> bySubject = new ConcurrentHashMap<>();

	private volatile SMTPServer server;

	private volatile long delayMillis;

	private CountingSmtpServer() {
	}

	/** A server on a port the system picks. */
	static CountingSmtpServer start() {
		CountingSmtpServer counting = new CountingSmtpServer();
		counting.up();
		return counting;
	}

	int port() {
		return port;
	}

	/** Stops listening and drops every open connection (the port stays this server's for {@link #restart}). */
	synchronized void stop() {
		if (server != null) {
			server.stop();
			server = null;
		}
	}

	/** Listens again on the same port. */
	synchronized void restart() {
		if (server == null) {
			up();
		}
	}

	private synchronized void up() {
		SMTPServer started = SMTPServer.port(port)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("smtp.instances.test")
			.connectionTimeoutMs(10_000)
			.messageHandlerFactory(Handler::new)
			.build();
		started.start();
		port = started.getPortAllocated();
		server = started;
	}

	/** From now on each message takes this long before it is accepted, as a busy server's do. */
	void slowDown(long millis) {
		this.delayMillis = millis;
	}

	/** Every copy of the message with this subject, in the order they arrived (empty when none). */
	List<Arrival> arrivals(String subject) {
		return bySubject.getOrDefault(subject, List.of());
	}

	/** All subjects that arrived, with their copies. */
	Map<String, List<Arrival>> all() {
		return Map.copyOf(bySubject);
	}

	int messages() {
		return bySubject.values().stream().mapToInt(List::size).sum();
	}

	@Override
	public void close() {
		stop();
	}

	private final class Handler implements MessageHandler {

		private String envelopeFrom;

		Handler(MessageContext context) {
		}

		@Override
		public void from(String from) {
			this.envelopeFrom = from;
		}

		@Override
		public void recipient(String recipient) {
		}

		@Override
		public String data(InputStream data) throws IOException {
			byte[] bytes = data.readAllBytes(); // a connection cut mid-DATA throws here: nothing arrived
			if (delayMillis > 0) {
				try {
					Thread.sleep(delayMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException("stopped", ex);
				}
			}
			try {
				MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
						new ByteArrayInputStream(bytes));
				String subject = message.getSubject();
				bySubject.computeIfAbsent(subject, key -> new CopyOnWriteArrayList<>())
					.add(new Arrival(envelopeFrom, message.getFrom()[0].toString(), message.getMessageID(), subject));
			}
			catch (MessagingException ex) {
				throw new IOException(ex);
			}
			return null;
		}

		@Override
		public void done() {
		}

	}

}
