package nl.salaronline.mail.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Send slots of levels with a sending limit (their own, or one learned from a "too fast" reply), counted over every
 * instance that shares the database: reserving locks the level's row ({@code FOR UPDATE}), so instances reserve one
 * after the other, counts the level's submissions in the rolling minute and 24 hours ({@code level_submission}), and
 * records one more when there is room. A slot is reserved right before its mail is submitted.
 */
@Component
public class SendSlots {

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final LevelStates states;

	private final LimitsProperties.Limits windows;

	private final Clock clock = Clock.systemUTC();

	SendSlots(JdbcClient jdbc, PlatformTransactionManager transactionManager, LevelStates states,
			LimitsProperties properties) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
		this.states = states;
		this.windows = properties.limits();
	}

	/**
	 * Reserves a slot for one mail of the level.
	 * @param perMinute the level's own limit per minute, or {@code null}
	 * @param perDay the level's own limit per 24 hours, or {@code null}
	 * @return empty when the mail may go now; else the time the next slot frees
	 */
	public Optional<Instant> reserve(LevelKey level, long accountId, Integer perMinute, Integer perDay) {
		states.ensure(level, accountId);
		return transaction.execute(status -> {
			Integer learned = jdbc.sql("select learned_per_minute from level_sending_state "
					+ "where level_kind = :kind and level_id = :id for update")
				.param("kind", level.kind().name())
				.param("id", level.id())
				.query((row, number) -> (Integer) row.getObject(1, Integer.class))
				.optional()
				.orElse(null);
			Integer minute = lowest(perMinute, learned);
			if (minute == null && perDay == null) {
				return Optional.<Instant>empty();
			}
			Instant now = clock.instant();
			Optional<Instant> wait = full(level, minute, LimitsProperties.Limits.counted(windows.minuteWindow()), now)
				.or(() -> full(level, perDay, LimitsProperties.Limits.counted(windows.dayWindow()), now));
			if (wait.isPresent()) {
				return wait;
			}
			jdbc.sql("insert into level_submission (level_kind, level_id, submitted_at) values (:kind, :id, :now)")
				.param("kind", level.kind().name())
				.param("id", level.id())
				.param("now", LevelStates.timestamp(now))
				.update();
			// what no window counts any more
			jdbc.sql("delete from level_submission where level_kind = :kind and level_id = :id and submitted_at < :before")
				.param("kind", level.kind().name())
				.param("id", level.id())
				.param("before", LevelStates.timestamp(now.minus(LimitsProperties.Limits.counted(windows.dayWindow()))))
				.update();
			return Optional.<Instant>empty();
		});
	}

	/** When the window of {@code span} has {@code limit} submissions already: when the next one drops out of it. */
	private Optional<Instant> full(LevelKey level, Integer limit, Duration span, Instant now) {
		if (limit == null) {
			return Optional.empty();
		}
		OffsetDateTime since = LevelStates.timestamp(now.minus(span));
		long count = jdbc.sql("select count(*) from level_submission "
				+ "where level_kind = :kind and level_id = :id and submitted_at > :since")
			.param("kind", level.kind().name())
			.param("id", level.id())
			.param("since", since)
			.query(Long.class)
			.single();
		if (count < limit) {
			return Optional.empty();
		}
		// the oldest submission whose leaving makes room for one more
		OffsetDateTime leaving = jdbc.sql("select submitted_at from level_submission "
				+ "where level_kind = :kind and level_id = :id and submitted_at > :since "
				+ "order by submitted_at offset :skip rows fetch first 1 rows only")
			.param("kind", level.kind().name())
			.param("id", level.id())
			.param("since", since)
			.param("skip", count - limit)
			.query(OffsetDateTime.class)
			.single();
		return Optional.of(leaving.toInstant().plus(span));
	}

	private static Integer lowest(Integer a, Integer b) {
		return a == null ? b : b == null ? a : Integer.valueOf(Math.min(a, b));
	}

}
