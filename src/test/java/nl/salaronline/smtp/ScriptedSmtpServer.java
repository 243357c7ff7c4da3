package nl.salaronline.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny SMTP server on loopback that answers with scripted replies: for the replies our real test servers cannot
 * give (Microsoft's 535 5.7.139, a server that trickles its greeting byte by byte, one that stops reading). Each command the client sends is
 * recorded; the script maps a command to the reply (lines separated by "\r\n"), or to {@code null} to say nothing.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

	public final List<String> commands = new CopyOnWriteArrayList<>();

	private final ServerSocket listener;

	private final Thread thread;

	private volatile boolean deafAfterData;

	private ScriptedSmtpServer(String greeting, Function<String, String> script) throws IOException {
		this.listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
		this.thread = new Thread(() -> serve(greeting, script), "scripted-smtp");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** A server that greets with 220, offers AUTH PLAIN, and answers commands as scripted (else "250 OK"). */
	public static ScriptedSmtpServer start(Function<String, String> script) throws IOException {
		return new ScriptedSmtpServer("220 scripted.test ESMTP", command -> {
			String reply = script.apply(command);
			if (reply != null) {
				return reply;
			}
			if (command.startsWith("EHLO")) {
				return "250-scripted.test\r\n250 AUTH PLAIN";
			}
			if (command.startsWith("AUTH")) {
				return "235 2.7.0 Authentication successful";
			}
			return command.equals("QUIT") ? "221 Bye" : "250 OK";
		});
	}

	/** A server that greets with 220 and answers each command exactly as scripted; {@code null} says nothing. */
	public static ScriptedSmtpServer answering(Function<String, String> script) throws IOException {
		return new ScriptedSmtpServer("220 scripted.test ESMTP", script);
	}

	/** A server that sends its greeting one byte at a time, every 100 ms, and never finishes the line. */
	static ScriptedSmtpServer trickling() throws IOException {
		return new ScriptedSmtpServer(null, command -> null);
	}

	/** A server that accepts the mail up to DATA's 354 and then reads nothing more, as a hung server would. */
	static ScriptedSmtpServer deafAfterData() throws IOException {
		ScriptedSmtpServer server = start(command -> command.equals("DATA") ? "354 End data with <CR><LF>.<CR><LF>" : null);
		server.deafAfterData = true;
		return server;
	}

	public int port() {
		return listener.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		listener.close();
		thread.interrupt();
	}

	private void serve(String greeting, Function<String, String> script) {
		while (!listener.isClosed()) {
			try (Socket client = listener.accept()) {
				OutputStream out = client.getOutputStream();
				if (greeting == null) {
					trickle(out);
					continue;
				}
				send(out, greeting);
				BufferedReader in = new BufferedReader(
						new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					commands.add(line);
					String reply = script.apply(line);
					if (reply != null) {
						send(out, reply);
					}
					if (line.equals("QUIT")) {
						break;
					}
					if (deafAfterData && line.equals("DATA")) {
						while (!listener.isClosed()) {
							Thread.sleep(50);
						}
					}
				}
			}
			catch (IOException | InterruptedException ex) {
				// the client went away, or the test is over
			}
		}
	}

	private static void trickle(OutputStream out) throws IOException, InterruptedException {
		out.write("220-".getBytes(StandardCharsets.US_ASCII));
		while (true) {
			out.write('.');
			out.flush();
			Thread.sleep(100);
		}
	}

	private static void send(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

}
