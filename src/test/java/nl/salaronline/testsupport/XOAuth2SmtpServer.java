package nl.salaronline.testsupport;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server on loopback (subethasmtp) that accepts only {@code AUTH XOAUTH2} and lets a {@link TokenCheck}
 * decide on each token, the way Exchange Online and Gmail check a bearer token before accepting mail. GreenMail
 * 2.1.13 speaks XOAUTH2 too, but only compares the token with a fixed user password, so it cannot check tokens
 * issued by an authorization server, nor their expiry or revocation.
 * <p>
 * XOAUTH2 (Google's and Microsoft's SASL mechanism): the client sends
 * {@code base64("user=" + mailbox + "\x01auth=Bearer " + token + "\x01\x01")}, as the initial response of
 * {@code AUTH XOAUTH2} or after a {@code 334}.
 */
public final class XOAuth2SmtpServer implements AutoCloseable {

	private static final Pattern XOAUTH2 = Pattern.compile("^user=([^\\x01]*)\\x01auth=Bearer ([^\\x01]+)\\x01\\x01$");

	private static final Pattern REPLY = Pattern.compile("^(\\d{3})[ -](.*)$");

	private final SMTPServer server;

	private final List<SignIn> signIns = new CopyOnWriteArrayList<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private XOAuth2SmtpServer(TokenCheck check) {
		this.server = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("xoauth2.loopback")
			.requireAuth()
			.authenticationHandlerFactory(new Factory(check))
			.messageHandler(this::receive)
			.connectionTimeout(10_000, java.util.concurrent.TimeUnit.MILLISECONDS)
			.build();
	}

	/** Starts on a free port of 127.0.0.1. */
	public static XOAuth2SmtpServer start(TokenCheck check) {
		XOAuth2SmtpServer smtp = new XOAuth2SmtpServer(check);
		smtp.server.start();
		return smtp;
	}

	public int port() {
		return server.getPortAllocated();
	}

	/** Every {@code AUTH XOAUTH2} attempt, accepted or not, in order. */
	public List<SignIn> signIns() {
		return List.copyOf(signIns);
	}

	/** Every mail accepted after a successful sign-in, in order. */
	public List<Received> received() {
		return List.copyOf(received);
	}

	@Override
	public void close() {
		server.stop();
	}

	private void receive(MessageContext context, String from, String to, byte[] data) {
		Object mailbox = context.getAuthenticationHandler().map(AuthenticationHandler::getIdentity).orElse(null);
		received.add(new Received(String.valueOf(mailbox), from, to, new String(data, StandardCharsets.UTF_8)));
	}

	/** Decides on a presented token. */
	@FunctionalInterface
	public interface TokenCheck {

		/**
		 * @return null to accept, or the full SMTP reply that refuses, e.g. {@code 535 5.7.3 Authentication
		 * unsuccessful}
		 */
		String refusal(String mailbox, String accessToken);

	}

	/** One sign-in attempt. {@code toString()} does not show the token. */
	public record SignIn(String mailbox, String accessToken, String reply) {

		public boolean accepted() {
			return reply.startsWith("235");
		}

		@Override
		public String toString() {
			return "SignIn[" + mailbox + ", " + reply + "]";
		}

	}

	public record Received(String signedInAs, String from, String to, String data) {
	}

	private final class Factory implements AuthenticationHandlerFactory {

		private final TokenCheck check;

		Factory(TokenCheck check) {
			this.check = check;
		}

		@Override
		public List<String> getAuthenticationMechanisms() {
			return List.of("XOAUTH2");
		}

		@Override
		public AuthenticationHandler create() {
			return new Handler(check);
		}

	}

	private final class Handler implements AuthenticationHandler {

		private final TokenCheck check;

		private String mailbox;

		Handler(TokenCheck check) {
			this.check = check;
		}

		@Override
		public Optional<String> auth(String clientInput, MessageContext context) throws RejectException {
			String[] words = clientInput.trim().split(" ");
			String response;
			if (words.length >= 2 && words[0].equalsIgnoreCase("AUTH")) {
				if (words.length == 2) {
					return Optional.of("334 ");
				}
				response = words[2];
			}
			else {
				response = clientInput.trim();
			}
			Matcher xoauth2 = XOAUTH2.matcher(decode(response));
			if (!xoauth2.matches()) {
				throw new RejectException(501, "5.5.2 Malformed XOAUTH2 response");
			}
			String user = xoauth2.group(1);
			String token = xoauth2.group(2);
			String refusal = check.refusal(user, token);
			if (refusal != null) {
				signIns.add(new SignIn(user, token, refusal));
				Matcher reply = REPLY.matcher(refusal);
				if (!reply.matches()) {
					throw new IllegalArgumentException("not an SMTP reply: " + refusal);
				}
				throw new RejectException(Integer.parseInt(reply.group(1)), reply.group(2));
			}
			signIns.add(new SignIn(user, token, "235 Authentication successful."));
			this.mailbox = user;
			return Optional.empty();
		}

		@Override
		public Object getIdentity() {
			return mailbox;
		}

		private String decode(String base64) throws RejectException {
			try {
				return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw new RejectException(501, "5.5.2 Not base64");
			}
		}

	}

}
