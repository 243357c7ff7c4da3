package nl.salaronline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import nl.salaronline.SmtpInstellingenApplication;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.testsupport.ExpectedFailures;

/**
 * The worker's lease ({@code salaronline.mail.worker.lease}): a short one still sends (the margin before its end, in
 * which no mail is started, follows from the lease and the SMTP timeout), and one too short to send anything refuses
 * to start, naming the property, instead of handing every claim back forever without a word.
 */
class LeaseTests {

	@Test
	void aLeaseOfTwentySecondsSends() throws Exception {
		try (ConfigurableApplicationContext instance = start("PT20S")) {
			MailFixtures fixtures = new MailFixtures(instance.getBean(AccountRepository.class),
					instance.getBean(EmployerRepository.class));
			Employer bakery = fixtures.employer(fixtures.account("Kantoor Kort"), "Bakkerij Kort");
			MailService mails = instance.getBean(MailService.class);
			List<MailId> ids = mails.sendAll(IntStream.range(0, 30)
				.mapToObj(i -> OutgoingMail.toEmployee(bakery.getCode(), MailFixtures.recipient("werknemer"),
						"Loonstrook " + i, "Tekst"))
				.toList());

			MailFixtures.await(Duration.ofSeconds(30), "all 30 mails are sent",
					() -> ids.stream().allMatch(id -> mails.find(id).orElseThrow().status() == MailStatus.SENT));
			assertThat(ids).allSatisfy(id -> assertThat(mails.find(id).orElseThrow().attempts()).isEqualTo(1));
		}
	}

	@Test
	void aLeaseTooShortToSendAnythingRefusesToStartNamingTheProperty() {
		ExpectedFailures.Captured failure = ExpectedFailures.capture(() -> start("PT2S").close());
		assertThat(failure.log()).contains("APPLICATION FAILED TO START", "salaronline.mail.worker.lease=PT2S",
				"is too short to send anything", "at least PT20S");
	}

	/** An instance of its own, on its own in-memory database (its worker takes no other test's mails). */
	private static ConfigurableApplicationContext start(String lease) {
		return new SpringApplicationBuilder(SmtpInstellingenApplication.class).run(
				"--spring.datasource.url=jdbc:h2:mem:lease-" + MailFixtures.unique(), "--spring.datasource.username=sa",
				"--spring.datasource.password=", "--server.port=0", "--salaronline.demo-data=false",
				"--salaronline.mail.worker.enabled=true", "--salaronline.mail.worker.lease=" + lease,
				"--salaronline.mail.worker.poll-interval=PT0.2S", "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + DefaultMailServer.port());
	}

}
