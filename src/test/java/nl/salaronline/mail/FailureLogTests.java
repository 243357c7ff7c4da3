package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.mail.MailFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.jasypt.encryption.StringEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpSecurity;

/** What the log says about a mail that could not be sent: which mail, level, transport and server; nothing more. */
@MailTest
@ExtendWith(OutputCaptureExtension.class)
class FailureLogTests {

	@Autowired
	private MailService mailService;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private StringEncryptor encryptor;

	@Test
	void aMailWhoseServerRefusesTheConnectionIsNamedWithItsLevelTransportAndServer(CapturedOutput output)
			throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor Logboek");
		Employer bakery = fixtures.employer(account, "Bakkerij De Korenbloem");
		int closed = closedPort();
		new OwnSmtpLevels(jdbc, encryptor).use(bakery, closed, SmtpSecurity.NONE, "salaris@korenbloem.nl",
				"Geheim-logboek-123", null);
		String to = recipient("werknemer");

		MailId id = mailService.send(OutgoingMail.toEmployee(bakery.getCode(), to, "Loonstrook", "Geheime loonstrooktekst"));
		await(Duration.ofSeconds(30), "the first attempt failed",
				() -> mailService.find(id).orElseThrow().lastError() != null);
		await(Duration.ofSeconds(5), "the failure is logged", () -> output.getOut().contains("Mail " + id));

		String line = output.getOut()
			.lines()
			.filter(logged -> logged.contains("Mail " + id))
			.findFirst()
			.orElseThrow();
		assertThat(line).contains("level employer " + bakery.getId(), "transport EMPLOYER", "127.0.0.1:" + closed,
				"CONNECTION_REFUSED");
		assertThat(output.getAll()).doesNotContain("Geheime loonstrooktekst", to, "Geheim-logboek-123");
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
