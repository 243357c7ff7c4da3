package nl.salaronline.mail.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.salaronline.mail.MailFixtures;
import nl.salaronline.mail.MailTest;

/** The outbox's purge also deletes the API's idempotency keys older than 24 hours, and only those. */
@MailTest
class IdempotencyKeyPurgeTests {

	@Autowired
	private Outbox outbox;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void keysOlderThan24HoursArePurgedAndYoungerOnesKept() {
		String old = "oud-" + MailFixtures.unique();
		String young = "jong-" + MailFixtures.unique();
		insert(old, Instant.now().minus(25, ChronoUnit.HOURS));
		insert(young, Instant.now().minus(23, ChronoUnit.HOURS));

		outbox.purgeSentContent();

		assertThat(jdbc.queryForList("select idempotency_key from api_idempotency_key where idempotency_key in (?, ?)",
				String.class, old, young)).isEqualTo(List.of(young));
		jdbc.update("delete from api_idempotency_key where idempotency_key = ?", young);
	}

	private void insert(String key, Instant created) {
		jdbc.update("""
				insert into api_idempotency_key (username, idempotency_key, request_hash, answer_status, answer_body,
				  created_at) values ('payroll', ?, 'hash', 202, '{}', ?)""", key, created.atOffset(ZoneOffset.UTC));
	}

}
