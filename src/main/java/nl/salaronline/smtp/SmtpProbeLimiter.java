package nl.salaronline.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "At most 10 probes a minute per user" ({@code salaronline.mail.probes-per-minute}), for "Test verbinding" and
 * "Verstuur testmail" together, keyed by username, counted over every instance (SPEC section 11).
 * <p>
 * Hand-written on purpose: a sliding log of the last minute's probes gives exactly "at most N in any 60 seconds".
 * The libraries at hand count differently: Resilience4j's RateLimiter refreshes fixed periods and Bucket4j refills
 * tokens, both letting up to twice the limit through around a period boundary. The log is a table
 * ({@code smtp_probe}); the user's row in {@code smtp_probe_user} is locked while one probe is counted, so two
 * instances count one user's probes one after the other and never both take the last one. A probe is a whole SMTP
 * conversation, so its few statements cost nothing worth noticing.
 */
@Component
public class SmtpProbeLimiter {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final int perMinute;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	@Autowired
	SmtpProbeLimiter(SmtpClientProperties properties, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this(properties.probesPerMinute(), jdbc, new TransactionTemplate(transactions), Clock.systemUTC());
	}

	SmtpProbeLimiter(int perMinute, JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
		this.perMinute = perMinute;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Counts a probe for the user, unless they had their share this minute: then false and nothing counted. */
	public boolean tryAcquire(String username) {
		Instant now = clock.instant();
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		OffsetDateTime windowStart = now.minus(WINDOW).atOffset(ZoneOffset.UTC);
		ensureUserRow(username);
		boolean allowed = Boolean.TRUE.equals(transaction.execute(status -> {
			jdbc.sql("select username from smtp_probe_user where username = :user for update")
				.param("user", username)
				.query(String.class)
				.single();
			long recent = jdbc.sql("select count(*) from smtp_probe where username = :user and probed_at > :since")
				.param("user", username)
				.param("since", windowStart)
				.query(Long.class)
				.single();
			if (recent >= perMinute) {
				return false;
			}
			jdbc.sql("insert into smtp_probe (username, probed_at) values (:user, :at)")
				.param("user", username)
				.param("at", at)
				.update();
			return true;
		}));
		// everyone's probes older than the window are of no use any more
		jdbc.sql("delete from smtp_probe where probed_at <= :since").param("since", windowStart).update();
		return allowed;
	}

	public int perMinute() {
		return perMinute;
	}

	private void ensureUserRow(String username) {
		try {
			jdbc.sql("insert into smtp_probe_user (username) select :user where not exists "
					+ "(select 1 from smtp_probe_user where username = :user)")
				.param("user", username)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// another instance made the row at the same moment: it is there, which is all this needs
		}
	}

}
