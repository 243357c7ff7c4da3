package nl.salaronline.mail.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.mail.MailFixtures;

/**
 * The health check's backlog as read from the database: mails queued and mails being sent wait, sent ones do not.
 * The test's mails are neither due nor past their lease, so no worker takes them meanwhile, and they date from 2001,
 * so no other test's mail is older.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OutboxBacklogTests {

	private static final Instant OLD = Instant.parse("2001-01-01T08:00:00Z");

	@Autowired
	private Outbox outbox;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Test
	void theOldestQueuedOrSendingMailIsTheOldestWaitingAndSentMailsDoNotWait() {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Employer employer = fixtures.employer(fixtures.account("Kantoor Achterstand"), "Bakkerij Achterstand");
		String queued = insert(employer, "QUEUED", OLD.plusSeconds(60));
		String sending = insert(employer, "SENDING", OLD);
		String sent = insert(employer, "SENT", OLD.minusSeconds(60));
		try {
			Outbox.Backlog backlog = outbox.backlog();
			assertThat(backlog.oldestWaiting()).isEqualTo(OLD);
			assertThat(backlog.waiting()).isGreaterThanOrEqualTo(2);

			jdbc.update("delete from mail where id = ?", sending);
			assertThat(outbox.backlog().oldestWaiting()).isEqualTo(OLD.plusSeconds(60));
		}
		finally {
			jdbc.update("delete from mail where id in (?, ?, ?)", queued, sending, sent);
		}
	}

	private String insert(Employer employer, String status, Instant created) {
		String id = UUID.randomUUID().toString();
		Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
		jdbc.update("""
				insert into mail (id, employer_id, account_id, recipient_kind, to_address, subject, body_text, status,
				  attempts, next_attempt_at, claimed_by, claim_token, claimed_until, created_at, updated_at)
				values (?, ?, ?, 'EMPLOYEE', ?, 'Loonstrook', 'Bijgaand je loonstrook.', ?, 1, ?, 'test', ?, ?, ?, ?)""",
				id, employer.getId(), employer.getAccountId(), MailFixtures.recipient("werknemer"), status,
				Outbox.timestamp(tomorrow), UUID.randomUUID().toString(), Outbox.timestamp(tomorrow),
				Outbox.timestamp(created), Outbox.timestamp(created));
		return id;
	}

}
