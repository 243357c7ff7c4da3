package nl.salaronline.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * GreenMail with AUTH, plain SMTP and SMTPS (implicit TLS, its self-signed test certificate), in a JVM of its own, so that a heap measurement of the benchmark JVM holds only the client's
 * half of each SMTP connection (in the same JVM every connection also costs GreenMail a handler, a thread and
 * buffers). Started with the benchmark's class path; serves until its standard input closes or it is destroyed.
 */
final class SeparateSmtpServer implements AutoCloseable {

	private final Process process;

	private final int port;

	private final int tlsPort;

	private SeparateSmtpServer(Process process, int port, int tlsPort) {
		this.process = process;
		this.port = port;
		this.tlsPort = tlsPort;
	}

	/** Starts the server process and waits until it accepts connections. */
	static SeparateSmtpServer start(String username, String password) throws IOException, InterruptedException {
		int port = TestSmtpServers.freePort();
		int tlsPort = TestSmtpServers.freePort();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Xmx512m", "-Dgreenmail.startup.timeout=60000", "-cp", System.getProperty("java.class.path"),
				SeparateSmtpServer.class.getName(), Integer.toString(port), Integer.toString(tlsPort), username, password)
			.redirectErrorStream(true)
			.redirectOutput(Path.of("target", "bench-smtp-server.log").toFile())
			.start();
		SeparateSmtpServer server = new SeparateSmtpServer(process, port, tlsPort);
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port);
					Socket tlsProbe = new Socket(InetAddress.getLoopbackAddress(), tlsPort)) {
				return server;
			}
			catch (IOException notYet) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					server.close();
					throw new IllegalStateException("the SMTP server process did not start (target/bench-smtp-server.log)",
							notYet);
				}
				Thread.sleep(100);
			}
		}
	}

	int port() {
		return port;
	}

	int tlsPort() {
		return tlsPort;
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}

	/** The server process: {@code port tlsPort username password}. */
	public static void main(String[] args) throws IOException {
		GreenMail smtp = new GreenMail(new ServerSetup[] {
				new ServerSetup(Integer.parseInt(args[0]), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(Integer.parseInt(args[1]), "127.0.0.1", ServerSetup.PROTOCOL_SMTPS) })
			.withConfiguration(GreenMailConfiguration.aConfig().withUser(args[2], args[2], args[3]));
		try {
			smtp.start();
		}
		catch (RuntimeException ex) {
			smtp.stop(); // half started (e.g. without its user): end the process, so the benchmark sees it
			throw ex;
		}
		System.out.println("GreenMail with AUTH: SMTP on port " + args[0] + ", SMTPS on port " + args[1]);
		while (System.in.read() != -1) {
			// serve until the benchmark closes our input (or ends us)
		}
		smtp.stop();
	}

}
