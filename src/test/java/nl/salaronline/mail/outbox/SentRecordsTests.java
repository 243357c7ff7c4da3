package nl.salaronline.mail.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import jakarta.mail.internet.InternetAddress;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.mail.MailFixtures;
import nl.salaronline.mail.MailTransport;
import nl.salaronline.mail.RecipientKind;

/**
 * Recording sent mails off the sending thread: what is handed over while the recorder is busy is written by its next
 * run, together; nothing is lost and nothing is written twice. Mails are put in the outbox as claimed (SENDING with a
 * lease) so that no worker of another test context takes them.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SentRecordsTests {

	@Autowired
	private Outbox outbox;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Test
	void mailsHandedOverWhileTheRecorderIsBusyAreRecordedSentByItsNextRun() throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor");
		Employer employer = fixtures.employer(account, "Bakkerij");
		String token = UUID.randomUUID().toString();
		List<List<Outbox.Accepted>> batches = List.of(claimed(employer, token, 3), claimed(employer, token, 2),
				claimed(employer, token, 1));
		QueuedTasks recorder = new QueuedTasks();
		SentRecords records = new SentRecords(outbox);

		List<CompletableFuture<Void>> recorded = batches.stream().map(batch -> records.record(batch, recorder)).toList();
		assertThat(statuses(batches)).containsOnly("SENDING");
		assertThat(recorded).noneMatch(CompletableFuture::isDone);

		recorder.runNext(); // the recorder's first run finds all three hand-overs waiting
		assertThat(statuses(batches)).hasSize(6).containsOnly("SENT");
		assertThat(recorded).allMatch(future -> future.isDone() && !future.isCompletedExceptionally());

		String replies = "select count(*) from mail where claim_token is null and last_reply = '250 2.0.0 Ok' and id in ("
				+ String.join(",", ids(batches).stream().map(id -> "'" + id + "'").toList()) + ")";
		recorder.runAll(); // the runs of the other hand-overs find nothing left to write
		assertThat(jdbc.queryForObject(replies, Long.class)).isEqualTo(6);
		assertThat(statuses(batches)).hasSize(6).containsOnly("SENT");
	}

	private List<Outbox.Accepted> claimed(Employer employer, String token, int count) throws Exception {
		Route route = new Route(MailTransport.DEFAULT, Route.DEFAULT_CHANNEL,
				new InternetAddress("no-reply@salaronline.nl"), new InternetAddress(employer.getEmail()), null);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		List<Outbox.Accepted> accepted = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = UUID.randomUUID().toString();
			String to = MailFixtures.recipient("werknemer");
			jdbc.update("""
					insert into mail (id, employer_id, account_id, recipient_kind, to_address, subject, body_text,
					  status, attempts, next_attempt_at, claimed_by, claim_token, claimed_until, created_at, updated_at)
					values (?, ?, ?, 'EMPLOYEE', ?, 'Loonstrook', 'Bijgaand je loonstrook.', 'SENDING', 1, ?, 'test', ?,
					  ?, ?, ?)""", id, employer.getId(), employer.getAccountId(), to, Outbox.timestamp(now), token,
					Outbox.timestamp(now.plusSeconds(300)), Outbox.timestamp(now), Outbox.timestamp(now));
			ClaimedMail mail = new ClaimedMail(id, employer.getId(), employer.getAccountId(), RecipientKind.EMPLOYEE, to,
					"Loonstrook", "Bijgaand je loonstrook.", null, 1, now, 0);
			accepted.add(new Outbox.Accepted(token, mail, route, "250 2.0.0 Ok"));
		}
		return accepted;
	}

	private List<String> statuses(List<List<Outbox.Accepted>> batches) {
		return ids(batches).stream()
			.map(id -> jdbc.queryForObject("select status from mail where id = ?", String.class, id))
			.toList();
	}

	private static List<String> ids(List<List<Outbox.Accepted>> batches) {
		return batches.stream().flatMap(List::stream).map(accepted -> accepted.mail().id()).toList();
	}

	/** An executor that runs its tasks only when the test says so. */
	private static final class QueuedTasks implements Executor {

		private final List<Runnable> tasks = new ArrayList<>();

		@Override
		public void execute(Runnable task) {
			tasks.add(task);
		}

		void runNext() {
			tasks.remove(0).run();
		}

		void runAll() {
			while (!tasks.isEmpty()) {
				runNext();
			}
		}

	}

}
