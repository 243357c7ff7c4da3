package nl.salaronline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import nl.salaronline.SmtpInstellingenApplication;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.testsupport.RequiredEnvironment;

/**
 * An instance that is stopped (SIGTERM closes the application context) while its worker sends a claimed batch: the
 * mail on the wire is finished, the other claimed mails go back to the queue at once (not after the 5-minute lease,
 * and without spending an attempt), the other instance sends them straight away, and the stop takes less than
 * {@code spring.lifecycle.timeout-per-shutdown-phase}. Two instances in this JVM on one PostgreSQL schema (an
 * in-memory H2 shared by two contexts does not survive the first one's close); skips visibly without PostgreSQL.
 */
class GracefulShutdownTests {

	private static final Duration SHUTDOWN_PHASE = Duration.ofSeconds(20);

	private static final int MAILS = 40;

	@Test
	void aStoppingInstanceFinishesTheMailOnTheWireAndHandsTheRestBackAtOnce() throws Exception {
		RequiredEnvironment.requirePostgres();
		String schema = "graceful_" + MailFixtures.unique();
		String base = RequiredEnvironment.postgresUrl();
		String database = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		try (HangingUpSmtpServer slow = new HangingUpSmtpServer(null)) {
			slow.answerAfter(1000);
			ConfigurableApplicationContext first = start(database, "worker-a", slow.port());
			ConfigurableApplicationContext second = null;
			try {
				MailFixtures fixtures = new MailFixtures(first.getBean(AccountRepository.class),
						first.getBean(EmployerRepository.class));
				Employer bakery = fixtures.employer(fixtures.account("Kantoor Stop"), "Bakkerij Stop");
				List<String> recipients = IntStream.range(0, MAILS)
					.mapToObj(i -> MailFixtures.recipient("werknemer" + i))
					.toList();
				first.getBean(MailService.class)
					.sendAll(recipients.stream()
						.map(to -> OutgoingMail.toEmployee(bakery.getCode(), to, "Loonstrook", "Tekst"))
						.toList());
				MailFixtures.await(Duration.ofSeconds(20), "the first mail is on the wire", () -> !slow.messages.isEmpty());
				assertThat(count(database, "status = 'SENDING' and claimed_by = 'worker-a'"))
					.as("the first instance claimed them all").isGreaterThanOrEqualTo(MAILS - 2);

				// the other instance runs meanwhile; it finds nothing to claim while the first one's lease lasts
				second = start(database, "worker-b", DefaultMailServer.port());
				MailFixtures.await(Duration.ofSeconds(20), "a mail is on the wire", () -> slow.messages.size() > slow.accepted.get());

				long start = System.nanoTime();
				first.close();
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(took).as("the stop took %s", took).isLessThan(SHUTDOWN_PHASE);
				int sentByFirst = slow.accepted.get();
				assertThat(slow.messages).as("the mail on the wire was finished, and no other started")
					.hasSize(sentByFirst);

				MailFixtures.await(Duration.ofSeconds(10), "the other instance sent the rest (the lease is 5 minutes)",
						() -> received(recipients) == MAILS - sentByFirst);
				MailFixtures.await(Duration.ofSeconds(5), "all are recorded SENT",
						() -> count(database, "status = 'SENT'") == MAILS);
				assertThat(count(database, "claimed_by = 'worker-a'")).isEqualTo(sentByFirst);
				assertThat(count(database, "claimed_by = 'worker-b' and attempts = 1"))
					.as("handed back without spending an attempt").isEqualTo(MAILS - sentByFirst);
			}
			finally {
				first.close();
				if (second != null) {
					second.close();
				}
			}
		}
		finally {
			try (Connection connection = DriverManager.getConnection(base, "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("drop schema if exists " + schema + " cascade");
			}
		}
	}

	private static ConfigurableApplicationContext start(String database, String worker, int smtpPort) {
		return new SpringApplicationBuilder(SmtpInstellingenApplication.class).run("--spring.datasource.url=" + database,
				"--spring.datasource.username=postgres", "--spring.datasource.password=", "--server.port=0",
				"--salaronline.demo-data=false", "--salaronline.mail.worker.enabled=true",
				"--salaronline.mail.worker.id=" + worker, "--salaronline.mail.worker.poll-interval=PT0.2S",
				"--spring.lifecycle.timeout-per-shutdown-phase=" + SHUTDOWN_PHASE.toSeconds() + "s",
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort);
	}

	private static long count(String database, String where) {
		try (Connection connection = DriverManager.getConnection(database, "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select count(*) from mail where " + where)) {
			rows.next();
			return rows.getLong(1);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long received(List<String> recipients) {
		long count = 0;
		for (MimeMessage message : DefaultMailServer.get().getReceivedMessages()) {
			try {
				String to = ((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress();
				count += recipients.contains(to) ? 1 : 0;
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return count;
	}

}
