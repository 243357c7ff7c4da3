package nl.salaronline.smtp;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocket;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import nl.salaronline.smtp.socket.GuardedSocketFactory;
import nl.salaronline.smtp.socket.GuardedSslSocketFactory;
import nl.salaronline.smtp.socket.ServerTrust;
import nl.salaronline.smtp.socket.WriteWatchdog;

/**
 * Connections to a level's server as both the sender and the probe make them: the host policy checked against the
 * address actually connected to, connect/read/write timeouts, and TLS with the level's trust decision.
 */
@Component
class SmtpSockets implements DisposableBean {

	private final Supplier<SmtpHostPolicy> policy;

	private final ServerTrust trust;

	private final Duration timeout;

	/** Ends the writes of our own connections ({@link #connect}) that take longer than the timeout. */
	private final WriteWatchdog writeWatchdog;

	/**
	 * Angus Mail's write timeouts, only for a session's transport connected directly (see
	 * {@code AngusSmtpConnections}): one thread for all, where Angus Mail would start one per connection. Its
	 * thread starts only if such a connection is made.
	 */
	private final ScheduledThreadPoolExecutor writeTimeouts;

	@Autowired
	SmtpSockets(ObjectProvider<SmtpHostPolicy> policy, ServerTrust trust, SmtpClientProperties properties) {
		// resolved when connecting: without a policy bean nothing connects (fail closed), but the context starts
		this(policy::getObject, trust, properties.timeout());
	}

	SmtpSockets(Supplier<SmtpHostPolicy> policy, ServerTrust trust, Duration timeout) {
		this.policy = policy;
		this.trust = trust;
		this.timeout = timeout;
		this.writeWatchdog = new WriteWatchdog(timeout);
		this.writeTimeouts = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "smtp-write-timeout");
			thread.setDaemon(true);
			return thread;
		});
		this.writeTimeouts.setRemoveOnCancelPolicy(true);
	}

	Duration timeout() {
		return timeout;
	}

	ScheduledThreadPoolExecutor writeTimeouts() {
		return writeTimeouts;
	}

	GuardedSocketFactory plain() {
		return new GuardedSocketFactory(address -> policy.get().allows(address));
	}

	/** TLS for the level: PKIX or exactly its pinned certificate. */
	GuardedSslSocketFactory tls(String pinnedSha256) {
		return new GuardedSslSocketFactory(plain(), trust.context(pinnedSha256));
	}

	/** The same, also handing over each certificate a server presents. */
	GuardedSslSocketFactory tls(String pinnedSha256, Consumer<X509Certificate> presented) {
		return new GuardedSslSocketFactory(plain(), trust.recordingContext(pinnedSha256, presented));
	}

	/**
	 * A plain TCP connection to the server, host-checked, with read and write timeouts.
	 * @throws java.net.UnknownHostException, {@link nl.salaronline.smtp.socket.HostNotAllowedException},
	 * {@link java.net.ConnectException}, {@link java.net.SocketTimeoutException} as it goes
	 */
	Socket connect(SmtpServer server, Duration connectTimeout, Duration readTimeout) throws IOException {
		Socket socket = plain().open(server.host(), server.port(), millis(connectTimeout));
		try {
			socket.setSoTimeout(millis(readTimeout));
			return writeWatchdog.watch(socket);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/** TLS over an open connection, handshake done: the certificate is verified (or pinned) when this returns. */
	SSLSocket startTls(Socket socket, SmtpServer server, GuardedSslSocketFactory tls) throws IOException {
		SSLSocket ssl = (SSLSocket) tls.createSocket(socket, server.host(), server.port(), true);
		try {
			ssl.startHandshake();
			return ssl;
		}
		catch (IOException | RuntimeException ex) {
			ssl.close();
			throw ex;
		}
	}

	static int millis(Duration duration) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
	}

	@Override
	public void destroy() {
		writeWatchdog.close();
		writeTimeouts.shutdownNow();
	}

}
