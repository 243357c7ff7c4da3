package nl.salaronline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.jasypt.encryption.StringEncryptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.salaronline.SmtpInstellingenApplication;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.testsupport.RequiredEnvironment;

/**
 * SPEC sections 10 and 11: two instances on one PostgreSQL database share one level's sending limit; together they
 * never submit more than it allows in any window. PostgreSQL only (what production runs); skips visibly without it.
 */
class SharedLimitTwoInstancesTests {

	private static final int LIMIT = 10;

	private static final Duration WINDOW = Duration.ofSeconds(1);

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private ProviderSmtpServer exchange;

	@AfterEach
	void stop() throws Exception {
		instances.forEach(ConfigurableApplicationContext::close);
		if (exchange != null) {
			exchange.close();
		}
	}

	@Test
	void twoInstancesTogetherStayWithinOneLevelsLimit() throws Exception {
		RequiredEnvironment.requirePostgres();
		String schema = "shared_limit_" + MailFixtures.unique();
		String base = RequiredEnvironment.postgresUrl();
		try {
			run(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
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

	private void run(String url) throws Exception {
		exchange = new ProviderSmtpServer("mailbox-geheim").limit(LIMIT, WINDOW, ProviderSmtpServer.EXCHANGE_RATE);
		ConfigurableApplicationContext first = start(url, "worker-a");
		ConfigurableApplicationContext second = start(url, "worker-b");
		MailFixtures fixtures = new MailFixtures(first.getBean(AccountRepository.class),
				first.getBean(EmployerRepository.class));
		Employer bakery = fixtures.employer(fixtures.account("Kantoor Gedeeld"), "Bakkerij Gedeeld");
		JdbcClient jdbc = first.getBean(JdbcClient.class);
		OwnSmtpLevels levels = new OwnSmtpLevels(jdbc, first.getBean(StringEncryptor.class));
		levels.use(bakery, exchange.port(), SmtpSecurity.NONE, "salaris@korenbloem.nl", "mailbox-geheim", null);
		levels.limit(bakery, LIMIT, null);

		// a payroll run handed over through each instance
		for (ConfigurableApplicationContext instance : List.of(first, second)) {
			instance.getBean(MailService.class).sendAll(IntStream.range(0, 30)
				.mapToObj(i -> OutgoingMail.toEmployee(bakery.getCode(), MailFixtures.recipient("werknemer"),
						"Loonstrook " + i, "Tekst"))
				.toList());
		}

		MailFixtures.await(Duration.ofSeconds(40), "all 60 mails are sent", () -> jdbc
			.sql("select count(*) from mail where employer_id = :id and status = 'SENT'")
			.param("id", bakery.getId())
			.query(Long.class)
			.single() == 60);
		assertThat(exchange.acceptedCount()).isEqualTo(60);
		assertThat(exchange.throttledCount()).as("the server never had to refuse").isZero();
		assertThat(exchange.mostWithin(WINDOW)).isLessThanOrEqualTo(LIMIT);
		assertThat(jdbc.sql("select distinct claimed_by from mail where employer_id = :id")
			.param("id", bakery.getId())
			.query(String.class)
			.list()).as("both instances sent").containsExactlyInAnyOrder("worker-a", "worker-b");
	}

	private ConfigurableApplicationContext start(String url, String workerId) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SmtpInstellingenApplication.class).run(
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--server.port=0", "--salaronline.demo-data=false",
				"--salaronline.mail.worker.enabled=true", "--salaronline.mail.worker.id=" + workerId,
				"--salaronline.mail.worker.batch-size=5", "--salaronline.mail.worker.poll-interval=PT0.2S",
				"--salaronline.mail.limits.minute-window=PT1S", "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + DefaultMailServer.port());
		instances.add(context);
		return context;
	}

}
