package nl.salaronline.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The default transport ({@code spring.mail.*}) ends a write that a server stopped taking after
 * {@code mail.smtp.writetimeout}, as the levels' own connections do, without Angus Mail's timer per write.
 */
class DefaultTransportWriteWatchTests {

	@Test
	@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // without a write timeout it never ends
	void aDefaultServerThatStopsReadingTheMessageTimesOutInsteadOfHoldingTheSender() throws Exception {
		DefaultTransportWriteWatch watch = new DefaultTransportWriteWatch();
		try (ScriptedSmtpServer deaf = ScriptedSmtpServer.deafAfterData()) {
			JavaMailSenderImpl sender = sender(deaf.port(), "smtp");
			watch.postProcessBeforeInitialization(sender, "mailSender");
			MimeMessage message = bigMessage(sender);
			long started = System.nanoTime();

			MailSendException thrown = catchThrowableOfType(MailSendException.class, () -> sender.send(message));

			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(thrown).as("the send fails").isNotNull();
			assertThat(thrown).hasStackTraceContaining("Write timed out after 2000 ms: the server stopped taking the data");
			assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
		}
		finally {
			watch.destroy();
		}
	}

	@Test
	void smtpsKeepsAngusMailsOwnWriteTimeout() {
		DefaultTransportWriteWatch watch = new DefaultTransportWriteWatch();
		JavaMailSenderImpl sender = sender(465, "smtps");
		watch.postProcessBeforeInitialization(sender, "mailSender");
		watch.destroy();

		assertThat(sender.getJavaMailProperties()).containsEntry("mail.smtp.writetimeout", "2000")
			.doesNotContainKey("mail.smtp.socketFactory");
	}

	private static JavaMailSenderImpl sender(int port, String protocol) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		sender.setProtocol(protocol);
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.connectiontimeout", "2000");
		properties.setProperty("mail.smtp.timeout", "2000");
		properties.setProperty("mail.smtp.writetimeout", "2000");
		sender.setJavaMailProperties(properties);
		return sender;
	}

	private static MimeMessage bigMessage(JavaMailSenderImpl sender) throws Exception {
		MimeMessage message = sender.createMimeMessage();
		message.setFrom(new InternetAddress("no-reply@salaronline.nl"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress("werknemer@example.nl"));
		MimeBodyPart attachment = new MimeBodyPart();
		// far more than the loopback socket buffers hold, so the write blocks once the server stops reading
		attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[24 * 1024 * 1024],
				"application/pdf")));
		message.setContent(new MimeMultipart(attachment));
		return message;
	}

}
