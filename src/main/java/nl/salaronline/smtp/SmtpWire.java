package nl.salaronline.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Commands and replies on one SMTP connection, for the probe: a command is a line, a reply is one or more lines
 * starting with a three-digit code ("250-..." continues, "250 ..." ends). Every read waits at most what the probe has
 * left; replies that are too long or are not SMTP at all are refused instead of read forever.
 */
final class SmtpWire {

	/** How long the next read may wait; throws when the probe's time is up. */
	@FunctionalInterface
	interface Budget {

		Duration next() throws SocketTimeoutException;

	}

	private static final int MAX_LINE = 2000;

	private static final int MAX_LINES = 100;

	private final Budget budget;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	SmtpWire(Socket socket, Budget budget) throws IOException {
		this.budget = budget;
		use(socket);
	}

	/** Continues on another socket: the same connection after the TLS handshake. */
	void use(Socket replacement) throws IOException {
		this.socket = replacement;
		this.in = new BufferedInputStream(replacement.getInputStream());
		this.out = new BufferedOutputStream(replacement.getOutputStream());
	}

	Socket socket() {
		return socket;
	}

	/** Where a message goes after DATA; flushed by {@link #endOfData()}. */
	OutputStream output() {
		return out;
	}

	String command(String line) throws IOException {
		out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
		return readReply();
	}

	/** The line with the single dot that ends DATA, then the server's reply to the message. */
	String endOfData() throws IOException {
		out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return readReply();
	}

	String readReply() throws IOException {
		StringBuilder reply = new StringBuilder();
		for (int count = 0; count < MAX_LINES; count++) {
			String line = readLine();
			if (FailureClassifier.codeOf(line) < 0) {
				throw new ProtocolException("Not an SMTP reply: " + printable(line));
			}
			if (reply.length() > 0) {
				reply.append('\n');
			}
			reply.append(line);
			if (line.length() == 3 || line.charAt(3) != '-') {
				return reply.toString();
			}
		}
		throw new ProtocolException("Reply of more than " + MAX_LINES + " lines");
	}

	/** The extensions an EHLO reply lists, keyword to parameters, e.g. AUTH to "LOGIN PLAIN". */
	static Map<String, String> extensionsOf(String ehloReply) {
		Map<String, String> extensions = new HashMap<>();
		String[] lines = ehloReply.split("\n");
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i].length() > 4 ? lines[i].substring(4).strip() : "";
			String[] keywordAndParameters = line.split("[ =]", 2);
			String keyword = keywordAndParameters[0].toUpperCase(Locale.ROOT);
			if (!keyword.isEmpty()) {
				extensions.merge(keyword, keywordAndParameters.length > 1 ? keywordAndParameters[1] : "",
						(a, b) -> (a + " " + b).strip());
			}
		}
		return extensions;
	}

	private String readLine() throws IOException {
		socket.setSoTimeout(SmtpSockets.millis(budget.next()));
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		while (true) {
			int next = in.read();
			if (next == -1) {
				throw new EOFException(line.size() == 0 ? "The server closed the connection"
						: "The server closed the connection after: " + printable(line.toString(StandardCharsets.UTF_8)));
			}
			if (next == '\n') {
				break;
			}
			if (line.size() >= MAX_LINE) {
				throw new ProtocolException("Line longer than " + MAX_LINE + " bytes");
			}
			line.write(next);
		}
		String text = line.toString(StandardCharsets.UTF_8);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	/** Bytes that are not SMTP (a TLS record, say) shown as text without control characters. */
	private static String printable(String text) {
		String shown = text.codePoints()
			.map(c -> c >= 0x20 && c != 0x7f && c != 0xfffd ? c : '?')
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return shown.length() > 100 ? shown.substring(0, 100) + "..." : shown;
	}

}
