package nl.salaronline.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server on loopback (subethasmtp) that knows one mailbox, {@link #USERNAME} with {@link #PASSWORD}, and
 * can be told to require STARTTLS, to refuse a sender or to refuse the message, like the servers users meet.
 */
final class TestSmtpServer implements AutoCloseable {

	static final String USERNAME = "salaris@korenbloem.nl";

	static final String PASSWORD = "Geheim-123";

	record Received(String from, List<String> to, String data) {
	}

	final List<Received> received = new CopyOnWriteArrayList<>();

	private final SMTPServer server;

	private volatile String senderRejection;

	private volatile String dataRejection;

	private TestSmtpServer(UnaryOperator<SMTPServer.Builder> customizer) {
		SMTPServer.Builder builder = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("smtp.korenbloem.test")
			.connectionTimeoutMs(10_000)
			.messageHandlerFactory(Handler::new)
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(TestSmtpServer::login));
		this.server = customizer.apply(builder).build();
		this.server.start();
	}

	/** A server with the given options, e.g. {@code b -> b.enableTLS().startTlsSocketFactory(...)}. */
	static TestSmtpServer start(UnaryOperator<SMTPServer.Builder> customizer) {
		return new TestSmtpServer(customizer);
	}

	/** STARTTLS with the given certificate ("localhost", "wrong-name", "self-signed"), required before MAIL/AUTH. */
	static TestSmtpServer startTls(String certificate) {
		return start(builder -> builder.enableTLS().requireTLS()
			.startTlsSocketFactory(TestTls.serverContext(certificate), false));
	}

	int port() {
		return server.getPortAllocated();
	}

	/** From now on MAIL FROM is answered with this reply, e.g. "553 5.7.1 ... not owned by user ...". */
	TestSmtpServer rejectSender(String reply) {
		this.senderRejection = reply;
		return this;
	}

	/** From now on the end of DATA is answered with this reply. */
	TestSmtpServer rejectData(String reply) {
		this.dataRejection = reply;
		return this;
	}

	@Override
	public void close() {
		server.stop();
	}

	private static void login(String username, String password, MessageContext context) throws LoginFailedException {
		if (!USERNAME.equals(username) || !PASSWORD.equals(password)) {
			throw new LoginFailedException();
		}
	}

	private static RejectException rejection(String reply) {
		return new RejectException(Integer.parseInt(reply.substring(0, 3)), reply.substring(4));
	}

	private final class Handler implements MessageHandler {

		private final MessageContext context;

		private String from;

		private final List<String> to = new CopyOnWriteArrayList<>();

		Handler(MessageContext context) {
			this.context = context;
		}

		@Override
		public void from(String from) throws RejectException {
			if (senderRejection != null) {
				throw rejection(senderRejection);
			}
			this.from = from;
		}

		@Override
		public void recipient(String recipient) {
			to.add(recipient);
		}

		@Override
		public String data(InputStream data) throws RejectException, IOException {
			String text = new String(data.readAllBytes(), StandardCharsets.UTF_8);
			if (dataRejection != null) {
				throw rejection(dataRejection);
			}
			received.add(new Received(from, List.copyOf(to), text));
			return null;
		}

		@Override
		public void done() {
		}

	}

}
