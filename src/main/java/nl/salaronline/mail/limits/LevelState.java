package nl.salaronline.mail.limits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The sending state of one level as stored (shared by every instance).
 *
 * @param pausedUntil after a throttling reply: nothing is sent before this
 * @param pauseKind RATE or QUOTA
 * @param learnedPerMinute after a rate reply, the level sends no faster than this until its settings are saved
 * @param stalledSince when the level's server first refused (sign-in, sender, certificate); {@code null}: not stalled
 * @param stallCause the failure's cause ({@code SmtpFailure.Cause}), for the Dutch explanation
 * @param stallReply the server's own reply
 * @param stallRetryAt when the worker tries the stalled level again by itself
 */
public record LevelState(LevelKey key, long accountId, Instant pausedUntil, String pauseKind, String pauseReply,
		Integer learnedPerMinute, Instant stalledSince, String stallCause, String stallReply, Instant stallRetryAt) {

	static final String COLUMNS = """
			level_kind, level_id, account_id, paused_until, pause_kind, pause_reply, learned_per_minute, stalled_since,
			stall_cause, stall_reply, stall_retry_at""";

	static LevelState read(ResultSet row, int number) throws SQLException {
		Object learned = row.getObject("learned_per_minute");
		return new LevelState(
				new LevelKey(LevelKey.Kind.valueOf(row.getString("level_kind")), row.getLong("level_id")),
				row.getLong("account_id"), instant(row, "paused_until"), row.getString("pause_kind"),
				row.getString("pause_reply"), learned == null ? null : ((Number) learned).intValue(),
				instant(row, "stalled_since"), row.getString("stall_cause"), row.getString("stall_reply"),
				instant(row, "stall_retry_at"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	public boolean stalled() {
		return stalledSince != null;
	}

	/** Stalled, and not yet time to try again. */
	public boolean stalledAt(Instant now) {
		return stalled() && (stallRetryAt == null || stallRetryAt.isAfter(now));
	}

	public boolean pausedAt(Instant now) {
		return pausedUntil != null && pausedUntil.isAfter(now);
	}

}
