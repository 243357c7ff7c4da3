package nl.salaronline.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on loopback (AUTH PLAIN, any password) that, while it is {@link #breakAt broken}, hangs up without a
 * word at one step of the conversation, as a restarting or failing-over server does; once {@link #heal healed} it
 * accepts every mail. It keeps every message it read to the end (also those it then hung up on without answering),
 * so a test can see what arrived twice, and with which Message-ID. Optionally it answers the end of DATA slowly.
 */
final class HangingUpSmtpServer extends LoopbackSocketServer {

	/** Where the server hangs up. */
	enum Step {

		/** Right after accepting the connection, before its greeting. */
		CONNECT,

		EHLO, AUTH, MAIL_FROM, RCPT_TO, DATA,

		/** After reading the whole message, before answering its final dot: the mail may count as delivered. */
		AFTER_DOT

	}

	/** Every message read to its end, as the raw text. */
	final List<String> messages = new CopyOnWriteArrayList<>();

	/** Messages answered with 250. */
	final AtomicInteger accepted = new AtomicInteger();

	final AtomicInteger hangUps = new AtomicInteger();

	private volatile Step brokenAt;

	private volatile long answerDelayMillis;

	HangingUpSmtpServer(Step brokenAt) throws IOException {
		super("hanging-up-smtp");
		this.brokenAt = brokenAt;
		start();
	}

	void breakAt(Step step) {
		this.brokenAt = step;
	}

	void heal() {
		this.brokenAt = null;
	}

	/** Waits this long before answering the end of each message (a slow server). */
	void answerAfter(long millis) {
		this.answerDelayMillis = millis;
	}

	@Override
	void serve(Socket client) {
		try (client) {
			if (hangsUpAt(Step.CONNECT)) {
				return;
			}
			OutputStream out = client.getOutputStream();
			BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
			send(out, "220 hanging-up.test ESMTP");
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				String upper = line.toUpperCase(Locale.ROOT);
				if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
					if (hangsUpAt(Step.EHLO)) {
						return;
					}
					send(out, "250-hanging-up.test\r\n250-AUTH PLAIN\r\n250 8BITMIME");
				}
				else if (upper.startsWith("AUTH")) {
					if (hangsUpAt(Step.AUTH)) {
						return;
					}
					if (upper.equals("AUTH PLAIN")) {
						send(out, "334 ");
						in.readLine();
					}
					send(out, "235 2.7.0 Authentication successful");
				}
				else if (upper.startsWith("MAIL FROM")) {
					if (hangsUpAt(Step.MAIL_FROM)) {
						return;
					}
					send(out, "250 2.1.0 OK");
				}
				else if (upper.startsWith("RCPT TO")) {
					if (hangsUpAt(Step.RCPT_TO)) {
						return;
					}
					send(out, "250 2.1.5 OK");
				}
				else if (upper.equals("DATA")) {
					if (hangsUpAt(Step.DATA)) {
						return;
					}
					send(out, "354 End data with <CR><LF>.<CR><LF>");
					StringBuilder message = new StringBuilder();
					for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
						message.append(data).append("\r\n");
					}
					messages.add(message.toString());
					if (hangsUpAt(Step.AFTER_DOT)) {
						return;
					}
					if (answerDelayMillis > 0) {
						Thread.sleep(answerDelayMillis);
					}
					accepted.incrementAndGet();
					send(out, "250 2.0.0 OK queued");
				}
				else if (upper.equals("QUIT")) {
					send(out, "221 2.0.0 Bye");
					return;
				}
				else {
					send(out, "250 OK");
				}
			}
		}
		catch (IOException | InterruptedException ex) {
			// the client went away, or the test is over
		}
	}

	private boolean hangsUpAt(Step step) {
		if (brokenAt == step) {
			hangUps.incrementAndGet();
			return true;
		}
		return false;
	}

	private static void send(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

}
