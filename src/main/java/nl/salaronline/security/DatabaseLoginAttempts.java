package nl.salaronline.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link LoginAttempts} in the database ({@code login_failure}), shared by every instance: N instances must not give
 * an attacker N times the guesses (SPEC section 11). A failure is one {@code UPDATE ... failures + 1}, which the
 * database applies row by row, so failures at the same moment on several instances are all counted (a read, then a
 * write, would lose some). Only the very first failure of a key inserts its row; two instances inserting it at the
 * same moment meet on the primary key, and the loser counts on the winner's row. Failures under a key are forgotten
 * once {@code window} has passed since the last one; such rows are deleted as new failures come in.
 * <p>
 * Each statement commits by itself: a login is not part of any other transaction.
 */
class DatabaseLoginAttempts implements LoginAttempts {

	/** The length of {@code login_failure.failure_key}. */
	private static final int MAX_KEY_LENGTH = 250;

	private final JdbcClient jdbc;

	private final Duration window;

	private final Clock clock;

	DatabaseLoginAttempts(JdbcClient jdbc, Duration window, Clock clock) {
		this.jdbc = jdbc;
		this.window = window;
		this.clock = clock;
	}

	@Override
	public Failures failures(String key) {
		Instant now = clock.instant();
		return jdbc.sql("select failures, last_failure from login_failure where failure_key = :key")
			.param("key", stored(key))
			.query((row, number) -> new Failures(row.getInt(1),
					row.getObject(2, OffsetDateTime.class).toInstant()))
			.optional()
			.filter(failures -> now.isBefore(failures.last().plus(window)))
			.orElse(Failures.NONE);
	}

	@Override
	public void failed(String key) {
		Instant now = clock.instant();
		OffsetDateTime at = timestamp(now);
		OffsetDateTime expired = timestamp(now.minus(window));
		String stored = stored(key);
		if (increment(stored, at, expired) == 0) {
			try {
				jdbc.sql("insert into login_failure (failure_key, failures, last_failure) values (:key, 1, :at)")
					.param("key", stored)
					.param("at", at)
					.update();
			}
			catch (DuplicateKeyException ex) {
				// another instance counted this key's first failure at the same moment: count on its row
				increment(stored, at, expired);
			}
		}
		jdbc.sql("delete from login_failure where last_failure <= :expired").param("expired", expired).update();
	}

	@Override
	public void clear(String key) {
		jdbc.sql("delete from login_failure where failure_key = :key").param("key", stored(key)).update();
	}

	private int increment(String key, OffsetDateTime at, OffsetDateTime expired) {
		return jdbc.sql("update login_failure set failures = case when last_failure <= :expired then 1 "
				+ "else failures + 1 end, last_failure = :at where failure_key = :key")
			.param("expired", expired)
			.param("at", at)
			.param("key", key)
			.update();
	}

	/**
	 * The key as stored: as it is when it is short printable ASCII, else its printable ASCII characters and a hash of
	 * the whole. A user name typed into the form can be of any length and hold anything, and PostgreSQL refuses a NUL
	 * character in text.
	 */
	static String stored(String key) {
		if (key.length() <= MAX_KEY_LENGTH && key.chars().allMatch(DatabaseLoginAttempts::plain)) {
			return key;
		}
		StringBuilder readable = new StringBuilder();
		key.chars().filter(DatabaseLoginAttempts::plain).limit(MAX_KEY_LENGTH - 65).forEach(c -> readable.append((char) c));
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return readable + "#" + HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

	private static boolean plain(int c) {
		return c >= 0x20 && c < 0x7f;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
