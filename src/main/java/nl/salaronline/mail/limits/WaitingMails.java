package nl.salaronline.mail.limits;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many mails of a level wait to be sent, along the outbox's index of each level's mails. A mail the worker is trying
 * again (SENDING) still waits as far as the accountant is concerned: a stopped level's retry claims its mails for a
 * moment, and the banner must not say that none wait while it does.
 */
@Component
public class WaitingMails {

	private final JdbcClient jdbc;

	WaitingMails(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long count(LevelKey level) {
		return jdbc.sql("select count(*) from mail where " + level.mailColumn() + " = :id and recipient_kind = :kind "
				+ "and status in ('QUEUED', 'SENDING')")
			.param("id", level.id())
			.param("kind", level.recipientKind())
			.query(Long.class)
			.single();
	}

	/**
	 * The level's mails that wait because it was stopped (and with {@code alsoLimited} those waiting for its limit or a
	 * pause) are due now.
	 * @return how many
	 */
	int dueNow(LevelKey level, boolean alsoLimited) {
		return jdbc.sql("update mail set next_attempt_at = :now, waiting_for = null where " + level.mailColumn()
				+ " = :id and recipient_kind = :kind and status = 'QUEUED' and waiting_for in (:why)")
			.param("now", LevelStates.timestamp(java.time.Instant.now()))
			.param("id", level.id())
			.param("kind", level.recipientKind())
			.param("why", alsoLimited ? java.util.List.of("STALLED", "RATE_LIMIT") : java.util.List.of("STALLED"))
			.update();
	}

}
