package nl.salaronline.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/** Real SMTP servers on loopback for the mail tests. */
final class TestSmtpServers {

	static final String KEYSTORE_PASSWORD = "changeit";

	private TestSmtpServers() {
	}

	/** GreenMail speaking plain SMTP with AUTH for one user, on a free port. */
	static GreenMail smtpWithAuth(String username, String password) {
		return greenMail(ServerSetup.PROTOCOL_SMTP, 0, username, password);
	}

	/** Like {@link #smtpWithAuth} on a given port (e.g. one chosen while the server was still "down"). */
	static GreenMail smtpWithAuth(int port, String username, String password) {
		return greenMail(ServerSetup.PROTOCOL_SMTP, port, username, password);
	}

	/** GreenMail speaking SMTPS (implicit TLS) with its self-signed certificate. */
	static GreenMail smtps(String username, String password) {
		return greenMail(ServerSetup.PROTOCOL_SMTPS, 0, username, password);
	}

	private static GreenMail greenMail(String protocol, int port, String username, String password) {
		GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", protocol))
			.withConfiguration(GreenMailConfiguration.aConfig().withUser(username, username, password));
		server.start();
		return server;
	}

	static int port(GreenMail server) {
		return server.getSmtp() != null ? server.getSmtp().getPort() : server.getSmtps().getPort();
	}

	/** The SHA-256 fingerprint of GreenMail's self-signed test certificate, as a level would pin it. */
	static String greenMailCertificateSha256() {
		try (InputStream in = GreenMail.class.getResourceAsStream("/greenmail.p12")) {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(in, KEYSTORE_PASSWORD.toCharArray());
			byte[] encoded = keyStore.getCertificate(keyStore.aliases().nextElement()).getEncoded();
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(encoded));
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A port nothing listens on (now). */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * subethasmtp with STARTTLS required before AUTH, using GreenMail's self-signed test certificate (trusted by the
	 * tests through pinning only).
	 */
	static StartTlsServer startTls(String username, String password) {
		return new StartTlsServer(username, password);
	}

	static final class StartTlsServer implements AutoCloseable {

		private final SMTPServer server;

		private final List<MimeMessage> received = new CopyOnWriteArrayList<>();

		/** The client's address and port of each connection a mail came over. */
		private final java.util.Set<String> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();

		StartTlsServer(String username, String password) {
			this.server = SMTPServer.port(0)
				.bindAddress(java.net.InetAddress.getLoopbackAddress())
				.hostName("localhost")
				.enableTLS()
				.requireTLS()
				.startTlsSocketFactory(sslContext())
				.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(
						(user, pass, context) -> {
							if (!username.equals(user) || !password.equals(pass)) {
								throw new org.subethamail.smtp.auth.LoginFailedException();
							}
						}))
				.requireAuth()
				.messageHandler((context, from, to, data) -> {
					connections.add(String.valueOf(context.getRemoteAddress()));
					try {
						received.add(new MimeMessage(Session.getInstance(new java.util.Properties()),
								new ByteArrayInputStream(data)));
					}
					catch (MessagingException ex) {
						throw new IllegalStateException(ex);
					}
				})
				.build();
			server.start();
		}

		int port() {
			return server.getPortAllocated();
		}

		List<MimeMessage> received() {
			return received;
		}

		/** The distinct connections mails arrived over. */
		java.util.Set<String> sessions() {
			return connections;
		}

		@Override
		public void close() {
			server.stop();
		}

		private static SSLContext sslContext() {
			try (InputStream in = GreenMail.class.getResourceAsStream("/greenmail.p12")) {
				KeyStore keyStore = KeyStore.getInstance("PKCS12");
				keyStore.load(in, KEYSTORE_PASSWORD.toCharArray());
				KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(keyStore, KEYSTORE_PASSWORD.toCharArray());
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keys.getKeyManagers(), null, null);
				return context;
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
