package nl.salaronline.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server on loopback that behaves like a provider with published limits (a thread per connection, as several
 * workers may connect at once): AUTH PLAIN against one password, or a fixed refusal such as Microsoft's
 * {@code 535 5.7.139}; and at most {@code limit} mails in any rolling {@code window}, answering the provider's own
 * throttling reply beyond it. It records the time of each accepted mail, so a test can check that no window ever held
 * more than the limit.
 */
final class ProviderSmtpServer extends LoopbackSocketServer {

	static final String EXCHANGE_RATE = "450 4.5.127 Excessive message rate from sender";

	static final String EXCHANGE_QUOTA = "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; "
			+ "Failed to process message due to a permanent exception with message [BeginDiagnosticData]Message "
			+ "submission quota exceeded[EndDiagnosticData]";

	static final String EXCHANGE_BASIC_AUTH_OFF = "535 5.7.139 Authentication unsuccessful, basic authentication is "
			+ "disabled. [AM0PR02CA0001.eurprd02.prod.outlook.com]";

	/** The nano time of every accepted mail, in order. */
	private final Deque<Long> accepted = new ArrayDeque<>();

	private final List<Long> acceptedTimes = new CopyOnWriteArrayList<>();

	/** How many mails were refused with the throttling reply. */
	private volatile int throttled;

	private volatile String password;

	/** When set, every AUTH is answered with this refusal. */
	private volatile String authRefusal;

	private volatile int limit = Integer.MAX_VALUE;

	private volatile Duration window = Duration.ofMinutes(1);

	private volatile String throttleReply = EXCHANGE_RATE;

	ProviderSmtpServer(String password) throws IOException {
		super("provider-smtp");
		this.password = password;
		start();
	}

	/** At most {@code limit} mails in any rolling {@code window}; beyond it {@code reply}. */
	ProviderSmtpServer limit(int limit, Duration window, String reply) {
		this.limit = limit;
		this.window = window;
		this.throttleReply = reply;
		return this;
	}

	void password(String password) {
		this.password = password;
	}

	void refuseSignIn(String reply) {
		this.authRefusal = reply;
	}

	int acceptedCount() {
		return acceptedTimes.size();
	}

	int throttledCount() {
		return throttled;
	}

	/** The most mails accepted within any window of the given length. */
	int mostWithin(Duration span) {
		List<Long> times = List.copyOf(acceptedTimes);
		int most = 0;
		int start = 0;
		for (int end = 0; end < times.size(); end++) {
			while (times.get(end) - times.get(start) >= span.toNanos()) {
				start++;
			}
			most = Math.max(most, end - start + 1);
		}
		return most;
	}

	@Override
	void serve(Socket client) {
		try (client) {
			OutputStream out = client.getOutputStream();
			BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
			send(out, "220 provider.test ESMTP");
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				String upper = line.toUpperCase(java.util.Locale.ROOT);
				if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
					send(out, "250-provider.test\r\n250-AUTH PLAIN\r\n250 8BITMIME");
				}
				else if (upper.startsWith("AUTH PLAIN")) {
					String response = line.length() > "AUTH PLAIN ".length() ? line.substring("AUTH PLAIN ".length())
							: null;
					if (response == null) {
						send(out, "334 ");
						response = in.readLine();
					}
					send(out, signIn(response));
				}
				else if (upper.equals("DATA")) {
					send(out, "354 Start mail input; end with <CRLF>.<CRLF>");
					for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
						// the message itself is not needed
					}
					send(out, endOfData());
				}
				else if (upper.equals("QUIT")) {
					send(out, "221 2.0.0 Bye");
					return;
				}
				else {
					send(out, "250 2.0.0 OK");
				}
			}
		}
		catch (IOException ex) {
			// the client went away, or the test is over
		}
	}

	private String signIn(String response) {
		String refusal = authRefusal;
		if (refusal != null) {
			return refusal;
		}
		String decoded = new String(Base64.getDecoder().decode(response.strip()), StandardCharsets.UTF_8);
		String[] parts = decoded.split("\u0000", -1);
		return parts.length == 3 && parts[2].equals(password) ? "235 2.7.0 Authentication successful"
				: "535 5.7.8 Authentication credentials invalid";
	}

	private synchronized String endOfData() {
		long now = System.nanoTime();
		while (!accepted.isEmpty() && now - accepted.peekFirst() >= window.toNanos()) {
			accepted.removeFirst();
		}
		if (accepted.size() >= limit) {
			throttled++;
			return throttleReply;
		}
		accepted.addLast(now);
		acceptedTimes.add(now);
		return "250 2.0.0 OK queued";
	}

	private static void send(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

}
