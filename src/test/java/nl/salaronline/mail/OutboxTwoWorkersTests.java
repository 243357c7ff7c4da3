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
		RequiredEnvironment.requirePostgres();
		String schema = "two_workers_" + MailFixtures.unique();
		String base = RequiredEnvironment.postgresUrl();
		try {
			deliverThroughTwoInstances(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, "postgres");
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
