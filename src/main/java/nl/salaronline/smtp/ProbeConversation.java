package nl.salaronline.smtp;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPOutputStream;

import nl.salaronline.smtp.ProbeReport.Outcome;
import nl.salaronline.smtp.ProbeReport.StepResult;
import nl.salaronline.smtp.SmtpFailure.Cause;
import nl.salaronline.smtp.SmtpProbe.TestMail;

/**
 * One run of "Test verbinding" or "Verstuur testmail": a minimal SMTP client of its own, step by step.
 * <p>
 * Why not Angus Mail's SMTPTransport, which the sender uses: its connect() does greeting, EHLO, STARTTLS and AUTH
 * in one call, so which step failed, how long each took and each step's own reply would have to be guessed from its
 * internals. Here every command's reply is read as the server sent it. What matters for the outcome is shared with
 * the sender: the same host-checked, time-limited connection and TLS trust decision ({@link SmtpSockets}), the same
 * EHLO name, the same sign-in mechanisms in the same order (LOGIN, PLAIN; XOAUTH2 for OAuth2), the same
 * classification of replies.
 * <p>
 * Runs on a worker thread; the thread that waits for it may call {@link #expire()} at the deadline (closing the
 * sockets ends any blocked read or write) and {@link #report()} at any time.
 */
final class ProbeConversation {

	/** A step that ended without failing; outcome OK or SKIPPED. */
	private record Done(Outcome outcome, String reply, String detail) {

		static Done ok(String reply, String detail) {
			return new Done(Outcome.OK, reply, detail);
		}

		static Done skipped(String detail) {
			return new Done(Outcome.SKIPPED, null, detail);
		}

	}

	@FunctionalInterface
	private interface Step {

		Done run() throws Exception;

	}

	/**
	 * The server said no, or we stopped on what it said; the conversation itself is still in order, so QUIT can be
	 * sent. Without a failure, the reply is classified as an answer to the step's command.
	 */
	private static final class Refused extends Exception {

		final String reply;

		final SmtpFailure failure;

		Refused(String reply, SmtpFailure failure) {
			super(null, null, false, false);
			this.reply = reply;
			this.failure = failure;
		}

	}

	/** Ends the run after a failed step. */
	private static final class Stop extends Exception {

		Stop() {
			super(null, null, false, false);
		}

	}

	private final SmtpServer server;

	private final String levelAddress;

	private final TestMail mail;

	private final SmtpSockets sockets;

	private final Supplier<Optional<SmtpAccessTokens>> accessTokens;

	private final long started;

	private final long deadline;

	private final List<SmtpStep> plan;

	private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();

	private volatile boolean expired;

	private volatile PresentedCertificate certificate;

	// guarded by this: read by the waiting thread when the deadline cuts the run short
	private final List<StepResult> results = new ArrayList<>();

	private SmtpStep current;

	private long currentStarted;

	private SmtpFailure failure;

	// the conversation itself: only the worker thread
	private SmtpWire wire;

	private String lastHello;

	private Map<String, String> extensions = Map.of();

	private boolean canQuit;

	/** From the TOKEN step; {@code null} with password sign-in. */
	private String accessToken;

	ProbeConversation(SmtpServer server, String levelAddress, TestMail mail, SmtpSockets sockets,
			Supplier<Optional<SmtpAccessTokens>> accessTokens, long started, long deadline) {
		this.server = server;
		this.levelAddress = requireAddress(levelAddress);
		this.mail = mail;
		if (mail != null) {
			requireAddress(mail.to());
		}
		this.sockets = sockets;
		this.accessTokens = accessTokens;
		this.started = started;
		this.deadline = deadline;
		this.plan = Arrays.stream(SmtpStep.values())
			.filter(step -> step != SmtpStep.DATA || mail != null)
			.filter(step -> step != SmtpStep.TOKEN || server.authMethod() != SmtpAuthMethod.PASSWORD)
			.toList();
	}

	void run() {
		try {
			perform(SmtpStep.CONNECT, this::connect);
			perform(SmtpStep.TLS, this::secure);
			if (plan.contains(SmtpStep.TOKEN)) {
				perform(SmtpStep.TOKEN, this::fetchToken);
			}
			perform(SmtpStep.AUTH, this::signIn);
			perform(SmtpStep.MAIL_FROM,
					() -> Done.ok(expect(wire.command("MAIL FROM:<" + levelAddress + ">"), 250), null));
			perform(SmtpStep.RCPT_TO,
					() -> Done.ok(expect(wire.command("RCPT TO:<" + recipient() + ">"), 250, 251), null));
			if (mail != null) {
				perform(SmtpStep.DATA, this::data);
			}
			perform(SmtpStep.QUIT, this::quit);
		}
		catch (Stop stop) {
			quitAfterFailure();
		}
		finally {
			closeAll();
		}
	}

	/** The deadline has come: stop whatever is going on. */
	void expire() {
		expired = true;
		closeAll();
	}

	/** Not run at all: the probe could not start (too many running at once). */
	synchronized void refuse(String reason) {
		SmtpFailure busy = SmtpFailure.transientFailure(Cause.OTHER, reason);
		results.add(new StepResult(SmtpStep.CONNECT, Outcome.FAILED, Duration.ZERO, null, null, busy));
		failure = busy;
	}

	/** What happened so far; a step still running is reported as cut off by the deadline. */
	synchronized ProbeReport report() {
		List<StepResult> steps = new ArrayList<>(results);
		SmtpFailure first = failure;
		if (current != null) {
			SmtpFailure timeout = deadlineFailure();
			steps.add(new StepResult(current, Outcome.FAILED, since(currentStarted), null, null, timeout));
			if (first == null && current != SmtpStep.QUIT) {
				first = timeout;
			}
		}
		Set<SmtpStep> reported = steps.stream().map(StepResult::step).collect(Collectors.toSet());
		plan.stream().filter(step -> !reported.contains(step)).forEach(step -> steps.add(StepResult.skipped(step)));
		steps.sort(Comparator.comparing(result -> plan.indexOf(result.step())));
		return new ProbeReport(steps, first, certificate, since(started));
	}

	private void perform(SmtpStep step, Step action) throws Stop {
		long stepStarted = begin(step);
		try {
			Done done = action.run();
			end(new StepResult(step, done.outcome(), since(stepStarted), done.reply(), done.detail(), null), null);
			return;
		}
		catch (Refused refused) {
			canQuit = !expired;
			SmtpFailure classified = refused.failure != null ? refused.failure
					: FailureClassifier.ofReply(step, refused.reply);
			if (step == SmtpStep.AUTH) {
				classified = classified.signingInWith(server.authMethod());
			}
			end(new StepResult(step, Outcome.FAILED, since(stepStarted), refused.reply, null, classified), classified);
		}
		catch (Exception ex) {
			canQuit = false;
			SmtpFailure classified = expired ? deadlineFailure() : SmtpFailure.of(ex);
			end(new StepResult(step, Outcome.FAILED, since(stepStarted), null, null, classified), classified);
		}
		throw new Stop();
	}

	private synchronized long begin(SmtpStep step) {
		current = step;
		currentStarted = System.nanoTime();
		return currentStarted;
	}

	private synchronized void end(StepResult result, SmtpFailure stepFailure) {
		results.add(result);
		current = null;
		if (failure == null && stepFailure != null && result.step() != SmtpStep.QUIT) {
			failure = stepFailure;
		}
	}

	// --- the steps

	private Done connect() throws Exception {
		Duration budget = budget();
		Socket socket = sockets.connect(server, budget, budget);
		track(socket);
		wire = new SmtpWire(socket, this::budget);
		String address = socket.getInetAddress().getHostAddress();
		String detail = (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + server.port();
		if (server.security() == SmtpSecurity.SSL_TLS) {
			return Done.ok(null, detail);
		}
		String greeting;
		try {
			greeting = wire.readReply();
		}
		catch (IOException ex) {
			// no greeting: a server waiting for a TLS handshake stays silent or drops a plain-text client
			if (!expired && speaksTls()) {
				throw new SmtpFailureException(SmtpFailure.permanent(Cause.PLAIN_ON_TLS_PORT,
						"No SMTP greeting (" + ex.getMessage() + "); the port answers a TLS handshake"));
			}
			throw ex;
		}
		expect(greeting, 220);
		hello();
		return Done.ok(greeting, detail);
	}

	private Done secure() throws Exception {
		switch (server.security()) {
			case STARTTLS: {
				if (!extensions.containsKey("STARTTLS")) {
					throw new Refused(lastHello, SmtpFailure.permanent(Cause.STARTTLS_NOT_OFFERED, lastHello));
				}
				String ready = expect(wire.command("STARTTLS"), 220);
				startTls();
				hello();
				return Done.ok(ready, tlsDetail());
			}
			case SSL_TLS: {
				startTls();
				String greeting = expect(wire.readReply(), 220);
				hello();
				return Done.ok(greeting, tlsDetail());
			}
			default:
				return Done.skipped(null);
		}
	}

	private Done signIn() throws Exception {
		String offered = extensions.get("AUTH");
		if (offered == null) {
			// like the sender: a server that does not ask for sign-in gets none (MAIL FROM tells whether it minds);
			// its EHLO reply, which lists no AUTH, shows why
			return new Done(Outcome.SKIPPED, lastHello, null);
		}
		if (!server.maySignInOn(wire.socket() instanceof SSLSocket)) {
			// like the sender: the secret never crosses the network unencrypted unless the level chose "Geen" and
			// confirmed the warning
			throw new Refused(lastHello, SmtpFailure.permanent(Cause.PLAIN_TEXT_SIGN_IN, lastHello));
		}
		Set<String> mechanisms = Set.of(offered.toUpperCase(Locale.ROOT).split("\\s+"));
		String secret = accessToken;
		if (secret == null) {
			try {
				secret = AngusSmtpConnections.secretOf(server, accessTokens);
			}
			catch (SmtpFailureException noToken) {
				throw new Refused(null, noToken.failure());
			}
		}
		String user = server.username();
		String mechanism;
		String reply;
		if (server.authMethod() != SmtpAuthMethod.PASSWORD) {
			mechanism = "XOAUTH2";
			requireMechanism(mechanisms, mechanism, offered);
			String initial = base64("user=" + user + "\u0001auth=Bearer " + secret + "\u0001\u0001");
			reply = wire.command("AUTH XOAUTH2 " + initial);
			if (FailureClassifier.codeOf(reply) == 334) {
				// the error details came base64-encoded; an empty answer ends the exchange with the final reply
				reply = wire.command("");
			}
			if (FailureClassifier.codeOf(reply) != 235) {
				AngusSmtpConnections.forgetRefusedToken(server, secret, accessTokens);
			}
		}
		else if (mechanisms.contains("LOGIN")) {
			mechanism = "LOGIN";
			reply = wire.command("AUTH LOGIN");
			if (FailureClassifier.codeOf(reply) == 334) {
				reply = wire.command(base64(user));
				if (FailureClassifier.codeOf(reply) == 334) {
					reply = wire.command(base64(secret));
				}
			}
		}
		else {
			mechanism = "PLAIN";
			requireMechanism(mechanisms, mechanism, offered);
			String initial = base64("\u0000" + user + "\u0000" + secret);
			reply = wire.command("AUTH PLAIN " + initial);
		}
		return Done.ok(expect(Secrets.scrub(reply, user, secret), 235), mechanism);
	}

	/**
	 * Always asks the provider (the level's cached token is replaced): the user wants to know whether these
	 * credentials work now, not whether they worked within the last hour.
	 */
	private Done fetchToken() throws Refused {
		SmtpAccessTokens tokens = accessTokens.get()
			.orElseThrow(() -> new Refused(null, SmtpFailure.permanent(SmtpFailure.Cause.OAUTH2_TOKEN_FAILED,
					"OAuth2 sign-in is not available: no token service configured")));
		try {
			tokens.invalidate(server);
			accessToken = tokens.accessToken(server);
			return Done.ok(null, server.username());
		}
		catch (SmtpAccessTokenException ex) {
			SmtpFailure failure = SmtpFailure.ofAccessToken(ex);
			throw new Refused(failure.serverReply(), failure);
		}
	}

	private Done data() throws Exception {
		expect(wire.command("DATA"), 354);
		SMTPOutputStream dotStuffed = new SMTPOutputStream(wire.output());
		testMessage().writeTo(dotStuffed);
		dotStuffed.ensureAtBOL();
		return Done.ok(expect(wire.endOfData(), 250), null);
	}

	private Done quit() throws Exception {
		String reset = mail == null ? expect(wire.command("RSET"), 250) + "\n" : "";
		return Done.ok(reset + expect(wire.command("QUIT"), 221), null);
	}

	private void quitAfterFailure() {
		if (!canQuit || expired) {
			return;
		}
		try {
			perform(SmtpStep.QUIT, () -> Done.ok(expect(wire.command("QUIT"), 221), null));
		}
		catch (Stop stop) {
			// the earlier failure is the one that counts
		}
	}

	// --- SMTP

	private void hello() throws IOException, Refused {
		String reply = wire.command("EHLO " + LocalHostName.value());
		if (FailureClassifier.codeOf(reply) == 250) {
			lastHello = reply;
			extensions = SmtpWire.extensionsOf(reply);
			return;
		}
		String helo = wire.command("HELO " + LocalHostName.value());
		if (FailureClassifier.codeOf(helo) != 250) {
			// refusing to be greeted says nothing about TLS or sign-in
			throw new Refused(helo, FailureClassifier.ofReply(null, helo));
		}
		lastHello = helo;
		extensions = Map.of();
	}

	private static String expect(String reply, int... codes) throws Refused {
		int code = FailureClassifier.codeOf(reply);
		for (int expected : codes) {
			if (code == expected) {
				return reply;
			}
		}
		throw new Refused(reply, null);
	}

	private void startTls() throws IOException {
		wire.use(sockets.startTls(wire.socket(), server, sockets.tls(server.pinnedCertificateSha256(),
				presented -> certificate = PresentedCertificate.of(presented))));
	}

	private String tlsDetail() {
		SSLSocket ssl = (SSLSocket) wire.socket();
		return ssl.getSession().getProtocol() + " " + ssl.getSession().getCipherSuite();
	}

	/** Whether the server completes (or at least answers) a TLS handshake on a fresh connection. */
	private boolean speaksTls() {
		AtomicBoolean presented = new AtomicBoolean();
		try {
			Duration budget = budget();
			Socket plain = sockets.connect(server, budget, budget);
			track(plain);
			try (Socket ssl = sockets.startTls(plain, server, sockets.tls(null, certificate -> presented.set(true)))) {
				return true;
			}
		}
		catch (SSLHandshakeException ex) {
			return presented.get() || String.valueOf(ex.getMessage()).contains("Received fatal alert");
		}
		catch (IOException | RuntimeException ex) {
			return presented.get();
		}
	}

	private MimeMessage testMessage() throws MessagingException {
		Properties properties = new Properties();
		// Message-ID in the level's own domain
		properties.put("mail.from", levelAddress);
		MimeMessage message = new MimeMessage(Session.getInstance(properties));
		message.setFrom(new InternetAddress(levelAddress));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to()));
		message.setSubject(mail.subject(), "UTF-8");
		message.setText(mail.text(), "UTF-8");
		message.setSentDate(new Date());
		message.saveChanges();
		return message;
	}

	// --- plumbing

	private String recipient() {
		return mail == null ? levelAddress : mail.to();
	}

	private void track(Socket opened) {
		openSockets.add(opened);
		if (expired) {
			closeAll();
		}
	}

	private void closeAll() {
		for (Socket open : openSockets) {
			try {
				open.close();
			}
			catch (IOException ex) {
				// closing is all we want
			}
		}
	}

	/** Time for the next network operation: the configured timeout, but never past the deadline. */
	private Duration budget() throws SocketTimeoutException {
		long left = deadline - System.nanoTime();
		if (expired || left <= 0) {
			throw new SocketTimeoutException("The time for the test is up");
		}
		return Duration.ofNanos(Math.min(left, sockets.timeout().toNanos()));
	}

	private SmtpFailure deadlineFailure() {
		return SmtpFailure.transientFailure(Cause.TIMEOUT,
				"No answer within the " + Duration.ofNanos(deadline - started).toSeconds() + " s the test may take");
	}

	private static Duration since(long nanoTime) {
		return Duration.ofNanos(System.nanoTime() - nanoTime);
	}

	private static void requireMechanism(Set<String> mechanisms, String mechanism, String offered) throws Refused {
		if (!mechanisms.contains(mechanism)) {
			throw new Refused(null, SmtpFailure.permanent(Cause.OTHER,
					"The server offers AUTH " + offered + ", not " + mechanism));
		}
	}

	private static String base64(String text) {
		return Secrets.base64(text);
	}

	/**
	 * An address goes into an SMTP command: one plain address under {@link MailAddressRule}. The screens check the
	 * level's address and the typed recipient first and explain in Dutch; this is the last guard.
	 */
	private static String requireAddress(String address) {
		if (!MailAddressRule.isValid(address)) {
			throw new IllegalArgumentException("Not a plain e-mail address: " + address);
		}
		return address;
	}

}
