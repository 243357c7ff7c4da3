package nl.salaronline.mail.outbox;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.salaronline.mail.MailId;
import nl.salaronline.mail.MailStatus;
import nl.salaronline.mail.idempotency.IdempotentRequests;
import nl.salaronline.mail.limits.LevelKey;
import nl.salaronline.smtp.SmtpFailure;

/**
 * Every change of a mail's status, each as one conditional SQL update, so that several instances can share the
 * outbox:
 * <ul>
 * <li>{@link #claim}: {@code SELECT ... FOR UPDATE SKIP LOCKED} picks due mails no other worker is claiming right now,
 * and marks them SENDING with a lease and a fresh claim token (on PostgreSQL in one statement; on H2 step by step and
 * without the lock, see {@link #claimStepByStep}). A mail whose lease ran out (its worker crashed mid-send) is due
 * again: at-least-once towards SMTP, never forgotten.
 * The attempt is counted at claim time, so a mail that crashes its worker every time still reaches the retry
 * limit.</li>
 * <li>{@link #sent}, {@link #failed}, {@link #release}: only while the mail still carries this claim's token.</li>
 * </ul>
 * Times come from the application clock; instances are expected to run NTP (the lease is minutes long).
 */
@Component
public class Outbox {

	private static final Logger log = LoggerFactory.getLogger(Outbox.class);

	// A claim's pieces, for both ways of claiming. Two queries, each along its index: one with OR scanned the whole
	// table, sent mails included. PostgreSQL locks what they pick (LOCKED); H2 does not (see claimStepByStep).

	/** Mails whose worker's lease ran out. */
	private static final String EXPIRED = """
			select id from mail where status = 'SENDING' and claimed_until < :now
			order by claimed_until limit :limit""";

	/**
	 * Mails waiting for their (next) attempt; those due at the same moment (a waiting level's mails) in the order they
	 * were handed over, along the due index's second key.
	 */
	private static final String DUE = """
			select id from mail where status = 'QUEUED' and next_attempt_at <= :now
			order by next_attempt_at, created_at limit :limit""";

	/** What PostgreSQL's claim adds to each pick: the mails another claim is taking now are skipped, not waited for. */
	private static final String LOCKED = " for update skip locked";

	/** Marks mails as this claim's, counting the attempt; the caller adds which mails. */
	private static final String MARK_SENDING = """
			update mail set status = 'SENDING', attempts = attempts + 1, claimed_by = :worker,
			  claim_token = :token, claimed_until = :until, updated_at = :now""";

	private static final int MAX_REPLY = 1000;

	private static final int MAX_FROM = 400;

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final TransactionTemplate transaction;

	private final OutboxProperties properties;

	private final Backoff backoff;

	private final OutboxMetrics metrics;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/** Whether the database is PostgreSQL (else H2, whose SQL lacks the one-statement claim). */
	private final boolean postgres;

	Outbox(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactionManager,
			OutboxProperties properties, OutboxMetrics metrics, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.postgres = isPostgres(batch);
		this.batch = batch;
		this.transaction = new TransactionTemplate(transactionManager);
		this.properties = properties;
		this.backoff = new Backoff(properties.retry().initialDelay(), properties.retry().maxDelay());
		this.metrics = metrics;
		this.events = events;
		this.clock = Clock.systemUTC();
	}

	/** Claims up to {@code limit} due mails for one worker, oldest first. */
	Claim claim(String workerId, int limit) {
		return transaction.execute(status -> {
			Instant now = clock.instant();
			String token = UUID.randomUUID().toString();
			Instant until = now.plus(properties.worker().lease());
			List<ClaimedMail> claimed = postgres ? claimInOneStatement(workerId, limit, now, token, until)
					: claimStepByStep(workerId, limit, now, token, until);
			return claimed.isEmpty() ? Claim.none() : new Claim(token, until, claimed);
		});
	}

	/**
	 * PostgreSQL: picking, locking, marking and reading back in one statement and one round trip instead of four
	 * (docs/PERFORMANCE.md has what it gained).
	 */
	private List<ClaimedMail> claimInOneStatement(String workerId, int limit, Instant now, String token,
			Instant until) {
		return jdbc.sql("with expired as (" + EXPIRED + LOCKED + "), due as (" + DUE + LOCKED + "), "
				+ "picked as (select id from expired union all select id from due limit :limit), "
				+ "claimed as (" + MARK_SENDING + " where id in (select id from picked) returning *) "
				+ "select " + ClaimedMail.COLUMNS + " from claimed m order by m.created_at, m.id")
			.param("now", timestamp(now))
			.param("limit", limit)
			.param("worker", workerId)
			.param("token", token)
			.param("until", timestamp(until))
			.query(ClaimedMail::read)
			.list();
	}

	/**
	 * H2: pick the due mails without locking them, mark those that are still due, and read back the ones marked with
	 * this claim's token. H2 takes a row lock by writing the row (and an undo record), so {@code FOR UPDATE} cost a
	 * third write of every mail on its way out; the conditional update decides instead. A mail another claim took
	 * between the pick and the update is no longer due when H2 checks the condition again after waiting for that
	 * claim's lock, so it is left out here: two workers on one H2 database still send each mail once
	 * ({@code OutboxTwoWorkersTests}).
	 */
	private List<ClaimedMail> claimStepByStep(String workerId, int limit, Instant now, String token, Instant until) {
		List<String> ids = new ArrayList<>(due(EXPIRED, now, limit));
		if (ids.size() < limit) {
			ids.addAll(due(DUE, now, limit - ids.size()));
		}
		if (ids.isEmpty()) {
			return List.of();
		}
		jdbc.sql(MARK_SENDING + " where id in (:ids) and (status = 'SENDING' and claimed_until < :now"
				+ " or status = 'QUEUED' and next_attempt_at <= :now)")
			.param("worker", workerId)
			.param("token", token)
			.param("until", timestamp(until))
			.param("now", timestamp(now))
			.param("ids", ids)
			.update();
		return jdbc.sql("select " + ClaimedMail.COLUMNS + " from mail m where m.id in (:ids) and m.claim_token = :token "
				+ "order by m.created_at, m.id")
			.param("ids", ids)
			.param("token", token)
			.query(ClaimedMail::read)
			.list();
	}

	private static boolean isPostgres(JdbcTemplate jdbc) {
		try {
			return "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(),
					DatabaseMetaData::getDatabaseProductName));
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot tell which database holds the outbox", ex);
		}
	}

	private List<String> due(String query, Instant now, int limit) {
		return jdbc.sql(query).param("now", timestamp(now)).param("limit", limit).query(String.class).list();
	}

	/**
	 * The attachments of some mails in one query, by mail id, in their order. The caller reads them a few mails ahead
	 * of sending, not with the claim: a claim of large mails would not fit in memory at once.
	 */
	Map<String, List<OutboxAttachment>> attachmentsOf(Collection<String> mailIds) {
		if (mailIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("""
				select mail_id, filename, content_type, content from mail_attachment
				where mail_id in (:ids) order by mail_id, ordinal""")
			.param("ids", mailIds)
			.query(OutboxAttachment::read)
			.list() // not stream(): that keeps the connection until the stream is closed
			.stream()
			.collect(Collectors.groupingBy(OutboxAttachment::mailId, LinkedHashMap::new, Collectors.toList()));
	}

	/**
	 * The server accepted these mails: recorded together, in one transaction with one batched statement, rather than
	 * a commit (on PostgreSQL an fsync) per mail. The worker records every few mails and stays at most one claim ahead
	 * of its records, so that after a crash only those can go out twice (with the same Message-ID).
	 */
	void sent(List<Accepted> accepted) {
		if (accepted.isEmpty()) {
			return;
		}
		OffsetDateTime now = timestamp(clock.instant());
		int[] updated = transaction.execute(status -> batch.batchUpdate("""
				update mail set status = 'SENT', transport = ?, from_address = ?, last_reply = ?,
				  last_failure = null, sent_at = ?, updated_at = ?, claimed_until = null, claim_token = null
				where id = ? and claim_token = ? and status = 'SENDING'""", accepted, accepted.size(),
				(statement, mail) -> {
					statement.setString(1, mail.route().transport().name());
					statement.setString(2, cut(mail.route().from().toUnicodeString(), MAX_FROM));
					statement.setString(3, cut(mail.serverReply(), MAX_REPLY));
					statement.setObject(4, now);
					statement.setObject(5, now);
					statement.setString(6, mail.mail().id());
					statement.setString(7, mail.claimToken());
				})[0]);
		for (int i = 0; i < accepted.size(); i++) {
			// a driver may answer SUCCESS_NO_INFO (-2) for a batched statement: only 0 means the claim was lost
			if (updated[i] == 0) {
				lostClaimUnless(0, accepted.get(i).mail());
			}
			metrics.outcome(accepted.get(i).route().transport(), MailStatus.SENT);
		}
	}

	/** A mail the server accepted under a claim, with its answer to the end of DATA. */
	record Accepted(String claimToken, ClaimedMail mail, Route route, String serverReply) {
	}

	/**
	 * Sending failed: a transient failure is retried after a backoff until the attempts run out, a permanent one
	 * fails the mail at once.
	 * @param route the route tried, or {@code null} when it could not even be decided
	 */
	/** @return whether the mail will be retried (else it is FAILED); the caller logs it, naming its server */
	boolean failed(Claim claim, ClaimedMail mail, Route route, SmtpFailure failure) {
		Instant now = clock.instant();
		int attempts = mail.attempts(); // read after the claim counted this attempt
		boolean retry = failure.kind() == SmtpFailure.Kind.TRANSIENT
				&& attempts < properties.retry().maxAttempts();
		MailStatus outcome = retry ? MailStatus.QUEUED : MailStatus.FAILED;
		int updated = jdbc.sql("""
				update mail set status = :status, next_attempt_at = :next, transport = :transport,
				  from_address = :from, last_reply = :reply, last_failure = :cause, updated_at = :now,
				  claimed_until = null, claim_token = null, waiting_for = null
				where id = :id and claim_token = :token and status = 'SENDING'""")
			.param("status", outcome.name())
			.param("next", timestamp(retry ? now.plus(backoff.after(attempts)) : now))
			.param("transport", route == null ? null : route.transport().name())
			.param("from", route == null ? null : cut(route.from().toUnicodeString(), MAX_FROM))
			.param("reply", cut(failure.serverReply(), MAX_REPLY))
			.param("cause", failure.cause().name())
			.param("now", timestamp(now))
			.param("id", mail.id())
			.param("token", claim.token())
			.update();
		lostClaimUnless(updated, mail);
		metrics.outcome(route == null ? null : route.transport(), retry ? null : MailStatus.FAILED);
		return retry;
	}

	/** Hands a claimed mail back untried (e.g. the lease is nearly over, or the worker stops). */
	void release(Claim claim, ClaimedMail mail) {
		jdbc.sql("""
				update mail set status = 'QUEUED', attempts = attempts - 1, next_attempt_at = :now, updated_at = :now,
				  claimed_until = null, claim_token = null
				where id = :id and claim_token = :token and status = 'SENDING'""")
			.param("now", timestamp(clock.instant()))
			.param("id", mail.id())
			.param("token", claim.token())
			.update();
	}

	/**
	 * Hands claimed mails back untried because their level waits (for its sending limit, or while it is stalled):
	 * their attempt is not counted, and they are due again at {@code until}.
	 * @param waitingFor RATE_LIMIT or STALLED
	 */
	void hold(Claim claim, List<ClaimedMail> mails, Instant until, String waitingFor) {
		if (mails.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update mail set status = 'QUEUED', attempts = attempts - 1, next_attempt_at = :until,
				  waiting_for = :waiting, updated_at = :now, claimed_until = null, claim_token = null
				where id in (:ids) and claim_token = :token and status = 'SENDING'""")
			.param("until", timestamp(until))
			.param("waiting", waitingFor)
			.param("now", timestamp(clock.instant()))
			.param("ids", mails.stream().map(ClaimedMail::id).toList())
			.param("token", claim.token())
			.update();
	}

	/**
	 * The rest of a waiting level's queued mails wait as well, so that claims do not pick them up only to hand them
	 * back; they become due together and are then claimed in the order they were handed over.
	 */
	void holdLevel(LevelKey level, Instant until, String waitingFor) {
		jdbc.sql("update mail set next_attempt_at = :until, waiting_for = :waiting where " + level.mailColumn()
				+ " = :id and recipient_kind = :recipient and status = 'QUEUED' and next_attempt_at < :until")
			.param("until", timestamp(until))
			.param("waiting", waitingFor)
			.param("id", level.id())
			.param("recipient", level.recipientKind())
			.update();
	}

	/** Hands all mails of a claim back untried. */
	void release(Claim claim) {
		claim.mails().forEach(mail -> release(claim, mail));
	}

	/**
	 * "Opnieuw versturen": puts a FAILED mail back in the queue with a fresh count of attempts. The caller has checked
	 * that the mail is the user's to resend.
	 * @return whether the mail was FAILED (and is now QUEUED)
	 */
	public boolean resend(MailId id) {
		Instant now = clock.instant();
		int updated = jdbc.sql("""
				update mail set status = 'QUEUED', attempts = 0, next_attempt_at = :now, updated_at = :now
				where id = :id and status = 'FAILED'""")
			.param("now", timestamp(now))
			.param("id", id.value())
			.update();
		if (updated == 1) {
			events.publishEvent(new MailQueued(id));
		}
		return updated == 1;
	}

	/**
	 * "Alle mislukte opnieuw versturen": every FAILED mail of one level back in the queue with a fresh count of
	 * attempts, in one statement (one transaction). The caller has checked that the level is the user's.
	 * @param accountLevel the account level (mails to its employers) or else the employer level (to its employees)
	 * @return how many
	 */
	public int resendAllFailed(boolean accountLevel, long levelId) {
		Instant now = clock.instant();
		int updated = jdbc.sql("update mail set status = 'QUEUED', attempts = 0, next_attempt_at = :now, "
				+ "updated_at = :now, waiting_for = null where " + (accountLevel ? "account_id" : "employer_id")
				+ " = :id and recipient_kind = :kind and status = 'FAILED'")
			.param("now", timestamp(now))
			.param("id", levelId)
			.param("kind", accountLevel ? "EMPLOYER" : "EMPLOYEE")
			.update();
		if (updated > 0) {
			events.publishEvent(new MailQueued(null));
		}
		return updated;
	}

	/** How far behind sending is, for the health check. */
	Backlog backlog() {
		Instant now = clock.instant();
		record Waiting(long count, OffsetDateTime oldest) {
		}
		// one branch per status, so that each reads only its own (on PostgreSQL partial) queue index
		Waiting waiting = jdbc.sql("""
				select count(*), min(created_at) from (
				  select created_at from mail where status = 'QUEUED'
				  union all
				  select created_at from mail where status = 'SENDING'
				) pending""")
			.query((row, number) -> new Waiting(row.getLong(1), row.getObject(2, OffsetDateTime.class)))
			.single();
		Optional<OffsetDateTime> oldestDue = jdbc.sql("""
				select min(due) from (
				  select min(next_attempt_at) as due from mail where status = 'QUEUED' and next_attempt_at <= :now
				  union all
				  select min(claimed_until) as due from mail where status = 'SENDING' and claimed_until < :now
				) overdue""")
			.param("now", timestamp(now))
			.query(OffsetDateTime.class)
			.optional();
		return new Backlog(waiting.count(), waiting.oldest() == null ? null : waiting.oldest().toInstant(),
				oldestDue.map(OffsetDateTime::toInstant).orElse(null), now);
	}

	/**
	 * Drops bodies and attachments of mails sent longer ago than the retention; their Verzendlog entries stay. Also
	 * deletes the API's expired idempotency keys.
	 */
	int purgeSentContent() {
		OffsetDateTime before = timestamp(clock.instant().minus(properties.contentRetention()));
		return transaction.execute(status -> {
			int files = jdbc.sql("""
					delete from mail_attachment
					where mail_id in (select id from mail where status = 'SENT' and sent_at < :before)""")
				.param("before", before)
				.update();
			jdbc.sql("""
					update mail set body_text = null, body_html = null
					where status = 'SENT' and sent_at < :before and (body_text is not null or body_html is not null)""")
				.param("before", before)
				.update();
			jdbc.sql(IdempotentRequests.PURGE)
				.param("before", timestamp(clock.instant().minus(IdempotentRequests.RETENTION)))
				.update();
			return files;
		});
	}

	private static void lostClaimUnless(int updated, ClaimedMail mail) {
		if (updated != 1) {
			// the lease ran out and another worker took the mail over: it may be sent twice (at-least-once)
			log.warn("Mail {}: claim lost before its outcome was recorded", mail.id());
		}
	}

	static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static String cut(String text, int max) {
		if (text == null) {
			return null;
		}
		String oneLine = text.replaceAll("[\\r\\n]+", " ").strip();
		return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
	}

	/**
	 * @param waiting mails QUEUED or SENDING
	 * @param oldestWaiting creation time of the oldest of those, or {@code null}
	 * @param oldestDue since when the most overdue mail could have been sent, or {@code null} when none is overdue
	 */
	record Backlog(long waiting, Instant oldestWaiting, Instant oldestDue, Instant now) {
	}

}
