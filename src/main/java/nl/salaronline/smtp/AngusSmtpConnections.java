package nl.salaronline.smtp;

import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import nl.salaronline.smtp.socket.GuardedSslSocketFactory;

/**
 * {@link SmtpConnections} with Jakarta Mail (Angus). We open the TCP connection ourselves (host-checked, timeouts,
 * TCP_NODELAY, implicit TLS with the level's trust decision) and hand it to {@link SMTPTransport#connect(Socket)},
 * which does the greeting, EHLO, STARTTLS and AUTH. Angus Mail cannot do implicit TLS over a socket from our factory:
 * for an SSL socket factory it connects a plain {@code new Socket()} itself, which would bypass the host check.
 * For STARTTLS Angus layers TLS through {@code mail.smtp.ssl.socketFactory}, which is ours.
 */
@Component
class AngusSmtpConnections implements SmtpConnections {

	private static final Logger log = LoggerFactory.getLogger(AngusSmtpConnections.class);

	/** Which class Jakarta Mail should use for its streams, named outright. */
	static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	static {
		// Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader (a scan of every jar) on each new body
		// part, multipart and encoded header (jakartaee/mail-api#699, #861): a third of the sending thread's time in a
		// profile of bulk sending. Naming the implementation skips the scan; a value set by the operator is kept.
		if (System.getProperty(STREAM_PROVIDER) == null) {
			System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	private final SmtpSockets sockets;

	private final Supplier<Optional<SmtpAccessTokens>> accessTokens;

	@Autowired
	AngusSmtpConnections(SmtpSockets sockets, ObjectProvider<SmtpAccessTokens> accessTokens) {
		this(sockets, () -> Optional.ofNullable(accessTokens.getIfAvailable()));
	}

	AngusSmtpConnections(SmtpSockets sockets, Supplier<Optional<SmtpAccessTokens>> accessTokens) {
		this.sockets = sockets;
		this.accessTokens = accessTokens;
	}

	/**
	 * A new {@link Session} reads Jakarta Mail's provider files and costs about a millisecond: too much per mail.
	 * Sessions differ only in what {@link SessionProfile} holds (host, port and user travel in each transport's
	 * URLName), so a few are shared by all levels; a session is safe to share between threads. Bounded: each pinned
	 * certificate makes its own profile.
	 */
	private final Cache<SessionProfile, Session> sessions = Caffeine.newBuilder().maximumSize(1_000).build();

	@Override
	public Session session(SmtpServer server) {
		return sessions.get(SessionProfile.of(server), profile -> Session.getInstance(properties(profile)));
	}

	/**
	 * With OAuth2, a refused token is fetched again once and the sign-in tried once more: a cached token may have been
	 * revoked since it was issued (SPEC section 9). A second refusal is final.
	 */
	@Override
	public Transport connect(SmtpServer server) throws MessagingException {
		if (!signsIn(server)) {
			return connect(server, null);
		}
		String secret = secretOf(server, accessTokens);
		try {
			return connect(server, secret);
		}
		catch (AuthenticationFailedException refused) {
			if (server.authMethod() == SmtpAuthMethod.PASSWORD) {
				throw refused;
			}
			SmtpFailure failure = SmtpFailure.of(refused).signingInWith(server.authMethod());
			if (failure.oauth2Problem() == SmtpOAuth2Problem.SMTP_AUTH_DISABLED || accessTokens.get().isEmpty()) {
				throw new SmtpFailureException(failure, refused);
			}
			log.info("{} refused the OAuth2 token of {} ({}); fetching a new token once", server.address(),
					server.username(), failure.serverReply());
			forgetRefusedToken(server, secret, accessTokens);
			try {
				return connect(server, secretOf(server, accessTokens));
			}
			catch (AuthenticationFailedException again) {
				throw new SmtpFailureException(SmtpFailure.of(again).signingInWith(server.authMethod()), again);
			}
		}
	}

	private Transport connect(SmtpServer server, String secret) throws MessagingException {
		Session session = session(server);
		Socket socket;
		try {
			socket = sockets.connect(server, sockets.timeout(), sockets.timeout());
			if (server.security() == SmtpSecurity.SSL_TLS) {
				socket = sockets.startTls(socket, server, sockets.tls(server.pinnedCertificateSha256()));
			}
		}
		catch (IOException ex) {
			log.debug("Cannot connect to {}: {}", server, ex.toString());
			throw new MessagingException("Could not connect to SMTP host: " + server.address(), ex);
		}
		try {
			SMTPTransport transport = transport(session, server, secret);
			transport.connect(socket);
			if (secret == null && transport.supportsExtension("AUTH")) {
				// "Geen" without the confirmed warning: the secret is not sent in plain text, and a server that asks
				// for it would refuse the mail anyway (or relay it unsigned), so the level's settings must change
				closeQuietly(transport);
				throw new SmtpFailureException(SmtpFailure.permanent(SmtpFailure.Cause.PLAIN_TEXT_SIGN_IN,
						"The server asks for sign-in on a connection without TLS; the level's secret is not sent "
								+ "unencrypted unless Geen was chosen and its warning confirmed"));
			}
			return transport;
		}
		catch (AuthenticationFailedException ex) {
			closeQuietly(socket);
			String reply = Secrets.scrub(ex.getMessage(), server.username(), secret);
			log.debug("Sign-in to {} refused: {}", server, reply);
			throw new AuthenticationFailedException(reply);
		}
		catch (MessagingException | RuntimeException ex) {
			closeQuietly(socket);
			log.debug("SMTP conversation with {} failed: {}", server, SmtpFailure.of(ex));
			throw ex;
		}
	}

	private static SMTPTransport transport(Session session, SmtpServer server, String secret)
			throws NoSuchProviderException {
		// user and secret travel in the transport's URLName: Service.connect() takes them from there
		URLName url = new URLName("smtp", server.host(), server.port(), null, server.username(), secret);
		return (SMTPTransport) session.getTransport(url);
	}

	/**
	 * Whether the level's secret may go to the server: over TLS (STARTTLS is required, never a fall-back), or with
	 * "Geen" only when the level confirmed the warning that it crosses the network unencrypted.
	 */
	static boolean signsIn(SmtpServer server) {
		return server.maySignInOn(server.security() != SmtpSecurity.NONE);
	}

	/** The password, or an OAuth2 access token. */
	static String secretOf(SmtpServer server, Supplier<Optional<SmtpAccessTokens>> accessTokens)
			throws SmtpFailureException {
		if (server.credentials() instanceof SmtpCredentials.Password password) {
			return password.password() == null ? "" : password.password();
		}
		SmtpAccessTokens tokens = accessTokens.get()
			.orElseThrow(() -> new SmtpFailureException(SmtpFailure.permanent(SmtpFailure.Cause.OAUTH2_TOKEN_FAILED,
					"OAuth2 sign-in (" + server.authMethod() + ") is not available: no token service configured")));
		try {
			return tokens.accessToken(server);
		}
		catch (SmtpAccessTokenException ex) {
			// a refusal by the provider will not change by retrying; an unreachable endpoint may
			throw new SmtpFailureException(SmtpFailure.ofAccessToken(ex), ex);
		}
	}

	/**
	 * After the server refused a token, the next attempt fetches a fresh one instead of the cached one; only if the
	 * cached one still is the refused one, so that many sends refused at once cost one token request.
	 */
	static void forgetRefusedToken(SmtpServer server, String refusedToken,
			Supplier<Optional<SmtpAccessTokens>> accessTokens) {
		if (server.authMethod() != SmtpAuthMethod.PASSWORD) {
			accessTokens.get().ifPresent(tokens -> tokens.invalidate(server, refusedToken));
		}
	}

	private Properties properties(SessionProfile profile) {
		Properties properties = new Properties();
		String timeout = Long.toString(sockets.timeout().toMillis());
		properties.put("mail.transport.protocol", "smtp");
		properties.put("mail.smtp.localhost", LocalHostName.value());
		properties.put("mail.smtp.connectiontimeout", timeout);
		properties.put("mail.smtp.timeout", timeout);
		properties.put("mail.smtp.writetimeout", timeout);
		properties.put("mail.smtp.executor.writetimeout", sockets.writeTimeouts());
		// used only if someone connects the session's transport directly instead of through connect(server):
		// still host-checked, and never falling back to an unchecked socket
		properties.put("mail.smtp.socketFactory", sockets.plain());
		properties.put("mail.smtp.socketFactory.fallback", "false");
		properties.put("mail.smtp.ssl.checkserveridentity", "true");
		properties.put("mail.smtp.ssl.protocols", String.join(" ", GuardedSslSocketFactory.PROTOCOLS));
		if (profile.security() == SmtpSecurity.STARTTLS) {
			properties.put("mail.smtp.starttls.enable", "true");
			properties.put("mail.smtp.starttls.required", "true");
			properties.put("mail.smtp.ssl.socketFactory", sockets.tls(profile.pinnedCertificateSha256()));
		}
		if (profile.security() == SmtpSecurity.SSL_TLS) {
			properties.put("mail.smtp.ssl.enable", "true");
		}
		// without it Angus Mail would sign in on a plain connection whenever the server offers AUTH
		properties.put("mail.smtp.auth", Boolean.toString(profile.signsIn()));
		properties.put("mail.smtp.auth.mechanisms",
				profile.authMethod() == SmtpAuthMethod.PASSWORD ? "LOGIN PLAIN" : "XOAUTH2");
		properties.put("mail.debug", "false");
		properties.put("mail.debug.auth", "false");
		return properties;
	}

	/** What makes two levels' sessions differ. */
	private record SessionProfile(SmtpSecurity security, SmtpAuthMethod authMethod, String pinnedCertificateSha256,
			boolean signsIn) {

		static SessionProfile of(SmtpServer server) {
			return new SessionProfile(server.security(), server.authMethod(), server.pinnedCertificateSha256(),
					AngusSmtpConnections.signsIn(server));
		}

	}

	private static void closeQuietly(Transport transport) {
		try {
			transport.close();
		}
		catch (MessagingException ex) {
			// the refusal is what matters
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already failing; the first error is the one that matters
		}
	}

}
