package nl.salaronline.mail.limits;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import nl.salaronline.smtp.SmtpFailure;

/**
 * The stored sending state of the levels (table {@code level_sending_state}): paused after a throttling reply, stalled
 * after a refused sign-in, sender or certificate. Every instance reads and writes the same rows, so a level stalled
 * by one instance waits on all.
 */
@Component
public class LevelStates {

	private static final int MAX_REPLY = 1000;

	private final JdbcClient jdbc;

	private final LimitsProperties properties;

	private final Clock clock = Clock.systemUTC();

	/** Levels whose row is known to exist, so it is not inserted again for every mail. */
	private final Set<LevelKey> existing = ConcurrentHashMap.newKeySet();

	LevelStates(JdbcClient jdbc, LimitsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** The states of these levels, read in one query; a level without a row has none (nothing special). */
	public Map<LevelKey, LevelState> of(Collection<LevelKey> levels) {
		if (levels.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("select " + LevelState.COLUMNS + " from level_sending_state "
				+ "where (level_kind = 'ACCOUNT' and level_id = any(:accounts)) "
				+ "or (level_kind = 'EMPLOYER' and level_id = any(:employers))")
			.param("accounts", ids(levels, LevelKey.Kind.ACCOUNT))
			.param("employers", ids(levels, LevelKey.Kind.EMPLOYER))
			.query(LevelState::read)
			.list()
			.stream()
			.collect(Collectors.toMap(LevelState::key, Function.identity()));
	}

	private static Long[] ids(Collection<LevelKey> levels, LevelKey.Kind kind) {
		return levels.stream().filter(level -> level.kind() == kind).map(LevelKey::id).toArray(Long[]::new);
	}

	/** The stalled levels of one account, for its start page. */
	public List<LevelState> stalledOf(long accountId) {
		return jdbc.sql("select " + LevelState.COLUMNS + " from level_sending_state "
				+ "where account_id = :account and stalled_since is not null order by level_kind, level_id")
			.param("account", accountId)
			.query(LevelState::read)
			.list();
	}

	/** How many stalled levels there are, for the gauge. */
	public long stalledCount() {
		return jdbc.sql("select count(*) from level_sending_state where stalled_since is not null")
			.query(Long.class)
			.single();
	}

	/**
	 * Marks the level stalled by this failure; when it already was, keeps its first time and takes the new reply.
	 * @return when the worker tries it again by itself
	 */
	public Instant stall(LevelKey level, long accountId, SmtpFailure failure) {
		ensure(level, accountId);
		Instant now = clock.instant();
		Instant retry = now.plus(properties.stallRetry());
		jdbc.sql("""
				update level_sending_state set stalled_since = coalesce(stalled_since, :now), stall_cause = :cause,
				  stall_reply = :reply, stall_retry_at = :retry
				where level_kind = :kind and level_id = :id""")
			.param("now", timestamp(now))
			.param("cause", failure.cause().name())
			.param("reply", cut(failure.serverReply()))
			.param("retry", timestamp(retry))
			.param("kind", level.kind().name())
			.param("id", level.id())
			.update();
		return retry;
	}

	/**
	 * Pauses the level after a throttling reply.
	 * @param learnedPerMinute the level goes on no faster than this afterwards ({@code null}: unchanged)
	 */
	public void pause(LevelKey level, long accountId, LevelReplies.Verdict kind, String reply, Instant until,
			Integer learnedPerMinute) {
		ensure(level, accountId);
		JdbcClient.StatementSpec update = jdbc
			.sql("update level_sending_state set paused_until = :until, pause_kind = :kind, pause_reply = :reply"
					+ (learnedPerMinute == null ? "" : ", learned_per_minute = :learned")
					+ " where level_kind = :level and level_id = :id")
			.param("until", timestamp(until))
			.param("kind", kind.name())
			.param("reply", cut(reply))
			.param("level", level.kind().name())
			.param("id", level.id());
		(learnedPerMinute == null ? update : update.param("learned", learnedPerMinute)).update();
	}

	/**
	 * Lifts the stall (a successful Test verbinding, or a mail the level's server accepted again).
	 * @return whether the level was stalled
	 */
	public boolean lift(LevelKey level) {
		return jdbc.sql("""
				update level_sending_state set stalled_since = null, stall_cause = null, stall_reply = null,
				  stall_retry_at = null, notified_at = null
				where level_kind = :kind and level_id = :id and stalled_since is not null""")
			.param("kind", level.kind().name())
			.param("id", level.id())
			.update() > 0;
	}

	/** The level's settings were saved: the stall, the pause and the learned rate are all forgotten. */
	public void reset(LevelKey level) {
		jdbc.sql("""
				update level_sending_state set stalled_since = null, stall_cause = null, stall_reply = null,
				  stall_retry_at = null, notified_at = null, paused_until = null, pause_kind = null, pause_reply = null,
				  learned_per_minute = null
				where level_kind = :kind and level_id = :id""")
			.param("kind", level.kind().name())
			.param("id", level.id())
			.update();
	}

	/**
	 * Claims the right to tell the level's address that sending stopped: at most once per reminder interval, over
	 * all instances (one conditional update decides).
	 */
	boolean claimNotification(LevelKey level) {
		Instant now = clock.instant();
		return jdbc.sql("""
				update level_sending_state set notified_at = :now
				where level_kind = :kind and level_id = :id and stalled_since is not null
				  and (notified_at is null or notified_at <= :due)""")
			.param("now", timestamp(now))
			.param("due", timestamp(now.minus(properties.limits().reminder())))
			.param("kind", level.kind().name())
			.param("id", level.id())
			.update() == 1;
	}

	/** The notification could not be sent: the next stall retry tries again. */
	void notificationFailed(LevelKey level) {
		jdbc.sql("update level_sending_state set notified_at = null where level_kind = :kind and level_id = :id")
			.param("kind", level.kind().name())
			.param("id", level.id())
			.update();
	}

	/** Inserts the level's row unless it exists; another instance inserting it at the same time is fine. */
	void ensure(LevelKey level, long accountId) {
		if (existing.contains(level)) {
			return;
		}
		try {
			jdbc.sql("""
					insert into level_sending_state (level_kind, level_id, account_id)
					select :kind, :id, :account where not exists
					  (select 1 from level_sending_state where level_kind = :kind and level_id = :id)""")
				.param("kind", level.kind().name())
				.param("id", level.id())
				.param("account", accountId)
				.update();
		}
		catch (DataIntegrityViolationException ex) {
			// inserted by another instance meanwhile
		}
		existing.add(level);
	}

	static OffsetDateTime timestamp(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	static String cut(String text) {
		if (text == null) {
			return null;
		}
		String oneLine = text.replaceAll("[\\r\\n]+", " ").strip();
		return oneLine.length() <= MAX_REPLY ? oneLine : oneLine.substring(0, MAX_REPLY - 1) + "…";
	}

}
