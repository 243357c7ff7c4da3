package nl.salaronline.mail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The plain sender of {@link JarApiCpuBenchmark} in a JVM of its own, so that its CPU is measured as the jar's is
 * (the process's utime + stime): plain Jakarta Mail, one connection, the same small mails the API is given. Reads a
 * count per line from standard input, sends that many and answers {@code sent}; ends when its input closes.
 * Arguments: {@code host port}.
 */
public final class PlainSenderProcess {

	private PlainSenderProcess() {
	}

	public static void main(String[] args) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.connectiontimeout", "10000");
		properties.put("mail.smtp.timeout", "10000");
		Session session = Session.getInstance(properties);
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
		try (Transport transport = session.getTransport("smtp")) {
			String line;
			while ((line = commands.readLine()) != null) {
				// one connection for all rounds; the server may close it while the jar's rounds run (one NOOP a round)
				if (!transport.isConnected()) {
					transport.connect(args[0], Integer.parseInt(args[1]), null, null);
				}
				int count = Integer.parseInt(line.strip());
				for (int i = 0; i < count; i++) {
					MimeMessage message = new MimeMessage(session);
					// as the application composes a mail of a level without own SMTP: its name via SalarOnline
					message.setFrom(new InternetAddress("no-reply@salaronline.nl", "Bakkerij De Korenbloem via SalarOnline",
							"UTF-8"));
					message.setReplyTo(new InternetAddress[] { new InternetAddress("info@korenbloem.nl") });
					message.setRecipient(Message.RecipientType.TO, new InternetAddress(JarApiCpuBenchmark.to(i)));
					message.setSubject(JarApiCpuBenchmark.subject(i), "UTF-8");
					message.setSentDate(new Date());
					message.setText(JarApiCpuBenchmark.text(i), "UTF-8");
					message.saveChanges();
					transport.sendMessage(message, message.getAllRecipients());
				}
				System.out.println("sent");
				System.out.flush();
			}
		}
	}

}
