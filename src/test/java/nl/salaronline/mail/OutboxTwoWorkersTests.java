package nl.salaronline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.salaronline.SmtpInstellingenApplication;
import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.testsupport.RequiredEnvironment;

/**
 * Two application instances (two contexts, each with its own worker and connection pool) share one outbox database:
 * every mail is delivered exactly once. Runs on H2 and on PostgreSQL (in a schema of its own) in every build.
 */
class OutboxTwoWorkersTests {

	private static final int MAILS = 300;

	private GreenMail server;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeEach
	void startServer() {
		server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
	}

	@AfterEach
	void stopAll() {
		instances.forEach(ConfigurableApplicationContext::close);
		server.stop();
	}

	@Test
	void twoInstancesOnOneH2DatabaseDeliverEachMailExactlyOnce() throws Exception {
		String url = "jdbc:h2:mem:two-workers-" + MailFixtures.unique() + ";DB_CLOSE_DELAY=-1";
		deliverThroughTwoInstances(url, "sa");
	}

	@Test
	void twoInstancesOnOnePostgresDatabaseDeliverEachMailExactlyOnce() throws Exception {
		inFreshPostgresSchema("two_workers", url -> deliverThroughTwoInstances(url, "postgres"));
	}

	/** On PostgreSQL (what production runs): in-memory H2 does not take a second instance after the first closed. */
	@Test
	void aWorkerStoppedMidRunHandsItsMailsBackAndAnotherSendsEachOnce() throws Exception {
		inFreshPostgresSchema("stopped_worker", this::stopMidRunAndFinishElsewhere);
	}

	/** Runs a test in a schema of its own on PostgreSQL, dropped afterwards with the instances the test started. */
	private void inFreshPostgresSchema(String name, PostgresTest test) throws Exception {
		RequiredEnvironment.requirePostgres();
		String schema = name + "_" + MailFixtures.unique();
		String base = RequiredEnvironment.postgresUrl();
		try {
			test.run(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
		}
		finally {
			instances.forEach(ConfigurableApplicationContext::close);
			instances.clear();
			try (Connection connection = DriverManager.getConnection(base, "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("drop schema if exists " + schema + " cascade");
			}
		}
	}

	private interface PostgresTest {

		void run(String url) throws Exception;

	}

	private void stopMidRunAndFinishElsewhere(String url) throws Exception {
		ConfigurableApplicationContext first = start(url, "postgres", "worker-a");
		MailFixtures fixtures = new MailFixtures(first.getBean(AccountRepository.class),
				first.getBean(EmployerRepository.class));
		Employer employer = fixtures.employer(fixtures.account("Kantoor Stop"), "Bakkerij Halverwege");
		List<OutgoingMail> run = new ArrayList<>();
		for (int i = 0; i < 10 * MAILS; i++) {
			run.add(OutgoingMail.toEmployee(employer.getCode(), MailFixtures.recipient("werknemer"), "Loonstrook",
					"Tekst " + i));
		}
		JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url, "postgres", "")); // outlives the instances
		first.getBean(MailService.class).sendAll(run);
		MailFixtures.await(Duration.ofSeconds(60), "the first worker sent some mails",
				() -> count(jdbc, employer, "SENT") >= 20);

		first.close(); // mid-run: the burst ends after its current mail, mails claimed ahead go back too

		assertThat(count(jdbc, employer, "SENDING")).as("no mail left claimed until its lease runs out").isZero();
		long sentByFirst = count(jdbc, employer, "SENT");
		assertThat(sentByFirst).as("the first worker stopped before the end").isLessThan(run.size());
		assertThat(server.getReceivedMessages()).as("every mail the server accepted is recorded SENT")
			.hasSize((int) sentByFirst);

		start(url, "postgres", "worker-b");
		MailFixtures.await(Duration.ofSeconds(90), "the second worker sent the rest",
				() -> count(jdbc, employer, "SENT") == run.size());
		Thread.sleep(500); // a duplicate would arrive within the next polls
		MimeMessage[] received = server.getReceivedMessages();
		assertThat(Arrays.stream(received).map(OutboxTwoWorkersTests::messageId).distinct()).hasSize(run.size());
		assertThat(received).hasSize(run.size());
		assertThat(jdbc.sql("select max(attempts) from mail where employer_id = :employer")
			.param("employer", employer.getId())
			.query(Integer.class)
			.single()).as("a mail handed back untried does not count an attempt").isEqualTo(1);
	}

	private static long count(JdbcClient jdbc, Employer employer, String status) {
		return jdbc.sql("select count(*) from mail where employer_id = :employer and status = :status")
			.param("employer", employer.getId())
			.param("status", status)
			.query(Long.class)
			.single();
	}

	private void deliverThroughTwoInstances(String url, String user) throws Exception {
		ConfigurableApplicationContext first = start(url, user, "worker-a");
		ConfigurableApplicationContext second = start(url, user, "worker-b");
		MailFixtures fixtures = new MailFixtures(first.getBean(AccountRepository.class),
				first.getBean(EmployerRepository.class));
		Account account = fixtures.account("Kantoor Twee Workers");
		Employer employer = fixtures.employer(account, "Bakkerij Druk");

		List<String> recipients = new ArrayList<>();
		ExecutorService payrollRuns = Executors.newFixedThreadPool(2);
		try {
			List<Future<List<String>>> runs = new ArrayList<>();
			for (ConfigurableApplicationContext instance : List.of(first, second)) {
				MailService mails = instance.getBean(MailService.class);
				runs.add(payrollRuns.submit(() -> {
					List<String> sent = new ArrayList<>();
					for (int i = 0; i < MAILS / 2; i++) {
						String to = MailFixtures.recipient("werknemer");
						mails.send(OutgoingMail.toEmployee(employer.getCode(), to, "Loonstrook", "Tekst " + i));
						sent.add(to);
					}
					return sent;
				}));
			}
			for (Future<List<String>> run : runs) {
				recipients.addAll(run.get());
			}
		}
		finally {
			payrollRuns.shutdown();
		}

		JdbcClient jdbc = first.getBean(JdbcClient.class);
		MailFixtures.await(Duration.ofSeconds(90), "all mails are SENT", () -> jdbc
			.sql("select count(*) from mail where employer_id = :employer and status = 'SENT'")
			.param("employer", employer.getId())
			.query(Long.class)
			.single() == MAILS);
		Thread.sleep(1000); // a duplicate would arrive within the next polls

		MimeMessage[] received = server.getReceivedMessages();
		assertThat(received).hasSize(MAILS);
		assertThat(Arrays.stream(received).map(OutboxTwoWorkersTests::messageId).distinct()).hasSize(MAILS);
		assertThat(Arrays.stream(received).map(OutboxTwoWorkersTests::to)).containsExactlyInAnyOrderElementsOf(recipients);
		Map<String, Long> perWorker = jdbc.sql("select claimed_by from mail where employer_id = :employer")
			.param("employer", employer.getId())
			.query(String.class)
			.list()
			.stream()
			.collect(Collectors.groupingBy(worker -> worker, Collectors.counting()));
		assertThat(perWorker).as("both instances sent mails").containsOnlyKeys("worker-a", "worker-b");
		assertThat(jdbc.sql("select max(attempts) from mail where employer_id = :employer")
			.param("employer", employer.getId())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	private ConfigurableApplicationContext start(String url, String user, String workerId) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SmtpInstellingenApplication.class).run(
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
				"--spring.datasource.password=", "--server.port=0", "--salaronline.demo-data=false",
				"--salaronline.mail.worker.enabled=true", "--salaronline.mail.worker.id=" + workerId,
				"--salaronline.mail.worker.batch-size=10", "--salaronline.mail.worker.poll-interval=PT0.2S",
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + server.getSmtp().getPort());
		instances.add(context);
		return context;
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String to(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}


}
