package nl.salaronline.devmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import nl.salaronline.SmtpInstellingenApplication;
import nl.salaronline.mail.MailId;

class DevMailCatcherTests {

	@Test
	void neverStartsUnderTheProdProfileEvenWhenSwitchedOn() throws IOException {
		int port = freePort();
		SpringApplication application = new SpringApplication(SmtpInstellingenApplication.class);
		application.setAdditionalProfiles("prod");
		try (ConfigurableApplicationContext context = application.run(
				"--spring.datasource.url=jdbc:h2:mem:prod-catcher-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--spring.datasource.username=sa", "--spring.datasource.password=",
				"--spring.datasource.hikari.data-source-properties.reWriteBatchedInserts=",
				"--jasypt.encryptor.password=prod-catcher-test-key", "--salaronline.mail.worker.enabled=false",
				"--salaronline.dev-mail-catcher.enabled=true", "--spring.mail.host=localhost",
				"--spring.mail.port=" + port, "--server.port=0")) {
			assertThat(context.getBeansOfType(DevMailCatcher.class)).isEmpty();
			assertThat(context.getBeansOfType(PostvakController.class)).isEmpty();
			assertThat(listening(port)).isFalse();
		}
	}

	@Test
	void catchesAMailAndLinksItToItsOutboxMailsAccount() throws Exception {
		int port = freePort();
		MailId outboxMail = MailId.random();
		DevMailCatcher catcher = new DevMailCatcher("localhost", port,
				id -> id.equals(outboxMail) ? Optional.of(7L) : Optional.empty());
		catcher.afterPropertiesSet();
		try {
			assertThat(catcher.isRunning()).isTrue();
			send(port, "<" + outboxMail + "@salaronline.nl>", "Loonstrook");
			send(port, "<not-from-the-outbox@example.nl>", "Testmail");

			List<CaughtMail> caught = catcher.newestFirst();
			assertThat(caught).extracting(CaughtMail::subject).containsExactly("Testmail", "Loonstrook");
			CaughtMail payslip = caught.get(1);
			assertThat(payslip.from()).isEqualTo("no-reply@salaronline.nl");
			assertThat(payslip.to()).containsExactly("jan@example.nl");
			assertThat(payslip.replyTo()).isEqualTo("salaris@korenbloem.nl");
			assertThat(payslip.text()).isEqualToIgnoringWhitespace("Zie bijlage.");
			assertThat(payslip.visibleTo(7L, false)).isTrue();
			assertThat(payslip.visibleTo(8L, false)).isFalse();
			assertThat(caught.get(0).visibleTo(7L, false)).as("not from the outbox: admins only").isFalse();
			assertThat(caught.get(0).visibleTo(null, true)).isTrue();
		}
		finally {
			catcher.destroy();
		}
		assertThat(listening(port)).as("stopped with the application").isFalse();
	}

	@Test
	void leavesAPortAloneWhereAnotherCatcherListens() throws Exception {
		try (ServerSocket mailpit = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			DevMailCatcher catcher = new DevMailCatcher("localhost", mailpit.getLocalPort(), id -> Optional.empty());
			catcher.afterPropertiesSet();
			assertThat(catcher.isRunning()).isFalse();
			catcher.destroy();
		}
	}

	@Test
	void staysOffWhenTheDefaultTransportIsAnotherMachine() {
		DevMailCatcher catcher = new DevMailCatcher("smtp.salaronline.nl", freePort(), id -> Optional.empty());
		catcher.afterPropertiesSet();
		assertThat(catcher.isRunning()).isFalse();
	}

	@Test
	void keepsTheLast500Mails() {
		CaughtMails mails = new CaughtMails();
		for (int i = 1; i <= 501; i++) {
			mails.add(id -> new CaughtMail(id, Instant.now(), "a@b.nl", List.of(), null, "mail " + id, "", null,
					List.of(), null));
		}
		assertThat(mails.newestFirst()).hasSize(500);
		assertThat(mails.newestFirst().get(0).subject()).isEqualTo("mail 501");
		assertThat(mails.find(1)).isEmpty();
		assertThat(mails.find(2)).isPresent();
	}

	private static void send(int port, String messageId, String subject) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "localhost");
		properties.put("mail.smtp.port", String.valueOf(port));
		Session session = Session.getInstance(properties);
		MimeMessage message = new MimeMessage(session) {
			@Override
			protected void updateMessageID() throws jakarta.mail.MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		message.setFrom(new InternetAddress("no-reply@salaronline.nl"));
		message.setReplyTo(new InternetAddress[] { new InternetAddress("salaris@korenbloem.nl") });
		message.setRecipient(Message.RecipientType.TO, new InternetAddress("jan@example.nl"));
		message.setSubject(subject);
		message.setText("Zie bijlage.");
		Transport.send(message);
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
