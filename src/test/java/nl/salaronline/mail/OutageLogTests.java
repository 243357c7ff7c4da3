package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.mail.MailFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.icegreen.greenmail.util.GreenMail;
import io.micrometer.core.instrument.MeterRegistry;

import org.jasypt.encryption.StringEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.testsupport.OurLogs;

/**
 * A transport's outage is logged once when it starts and once when it ends, however many attempts fail in between
 * (those are counted in a metric): an outage of 15 s used to log hundreds of lines per instance.
 */
@MailTest
@ExtendWith(OutputCaptureExtension.class)
class OutageLogTests {

	private static final int MAILS = 10;

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

	@Autowired
	private MeterRegistry meters;

	@Test
	void aServerThatIsDownForAWhileIsLoggedOnceWhenItGoesAndOnceWhenItComesBack(CapturedOutput output)
			throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Employer bakery = fixtures.employer(fixtures.account("Kantoor Storing"), "Bakkerij Storing");
		GreenMail server = TestSmtpServers.smtpWithAuth("smtp@storing.nl", "storing-geheim");
		int port = TestSmtpServers.port(server);
		new OwnSmtpLevels(jdbc, encryptor).use(bakery, port, SmtpSecurity.NONE, "smtp@storing.nl", "storing-geheim",
				null);
		double before = unreachableCount();
		OurLogs.atInfo(() -> {
			server.stop();
			List<MailId> ids = mailService.sendAll(IntStream.range(0, MAILS)
				.mapToObj(i -> OutgoingMail.toEmployee(bakery.getCode(), recipient("werknemer" + i), "Loonstrook", "T"))
				.toList());
			await(Duration.ofSeconds(30), "every mail failed at least three times",
					() -> ids.stream().allMatch(id -> mailService.find(id).orElseThrow().attempts() >= 3));

			GreenMail again = TestSmtpServers.smtpWithAuth(port, "smtp@storing.nl", "storing-geheim");
			try {
				await(Duration.ofSeconds(30), "all mails are sent",
						() -> ids.stream().allMatch(id -> mailService.find(id).orElseThrow().status() == MailStatus.SENT));
				assertThat(again.getReceivedMessages()).hasSize(MAILS);
			}
			finally {
				again.stop();
			}
		});

		List<String> lines = output.getOut().lines().filter(line -> line.contains("127.0.0.1:" + port)).toList();
		assertThat(lines).as("the lines about the server").hasSize(2);
		assertThat(lines.get(0)).contains("WARN", "Outage of level employer " + bakery.getId(), "transport EMPLOYER",
				"CONNECTION_REFUSED", "mails waiting: " + MAILS, "next try at");
		assertThat(lines.get(1)).contains("INFO", "Outage of level employer " + bakery.getId(), "ended after",
				"attempts failed meanwhile");
		assertThat(unreachableCount() - before).isGreaterThanOrEqualTo(3);
	}

	private double unreachableCount() {
		var counter = meters.find("salaronline.transport.unreachable").tag("transport", "EMPLOYER").counter();
		return counter == null ? 0 : counter.count();
	}

}
