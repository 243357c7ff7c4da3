package nl.salaronline.mail.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.salaronline.mail.idempotency.IdempotencyKeyException.Reason;

/**
 * Runs a POST at most once per service user and {@code Idempotency-Key} within 24 hours (SPEC section 12). A stored
 * answer of the key is looked up first and given again. Otherwise the request is carried out, and the key's row is
 * inserted with its answer at the end of the same transaction that stores the mails: one write of the key per request.
 * Two requests with one key at once (the first had not committed when the second looked), on any instances, both do
 * their work and meet at the key's insert: the database makes the later one wait for the other's commit, then its
 * mails are rolled back with its row and it answers the stored answer; if H2 gives up waiting, {@code 409}. A
 * request that fails (a bad mail) stores no key, so the corrected request may use the same key. Rows older than
 * {@link #RETENTION} are ignored here and deleted by the outbox's purge.
 */
@Service
public class IdempotentRequests {

	public static final Duration RETENTION = Duration.ofHours(24);

	/** Deletes the keys created before {@code :before}; run by the outbox's purge with {@link #RETENTION}. */
	public static final String PURGE = "delete from api_idempotency_key where created_at < :before";

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock = Clock.systemUTC();

	IdempotentRequests(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** Whether the header's value may be a key: 1 to 255 printable ASCII characters (space included). */
	public static boolean isValidKey(String key) {
		if (key == null || key.isEmpty() || key.length() > 255) {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x20 || c > 0x7E) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The stored answer of the first request with this key, or else the answer of {@code work}, run in a transaction
	 * that inserts the key's row with that answer after it.
	 * @param requestHash {@link RequestDigest#of} the request
	 * @throws IdempotencyKeyException for an invalid key, a key used with another request, or one still in use
	 */
	public IdempotentAnswer answer(String user, String key, String requestHash, Supplier<IdempotentAnswer> work) {
		if (!isValidKey(key)) {
			throw new IdempotencyKeyException(Reason.INVALID, "must be 1 to 255 printable ASCII characters");
		}
		for (int attempt = 0; attempt < 2; attempt++) {
			try {
				// the lookup in the transaction of the work: one connection from the pool per request, not two
				return transaction.execute(status -> {
					Optional<IdempotentAnswer> earlier = earlier(user, key, requestHash);
					if (earlier.isPresent()) {
						return earlier.get();
					}
					IdempotentAnswer answer = work.get();
					jdbc.sql("""
							insert into api_idempotency_key (username, idempotency_key, request_hash, created_at,
							  answer_status, answer_location, answer_body)
							values (:user, :key, :hash, :now, :status, :location, :body)""")
						.param("user", user)
						.param("key", key)
						.param("hash", requestHash)
						.param("now", timestamp(clock.instant()))
						.param("status", answer.status())
						.param("location", answer.location())
						.param("body", answer.body())
						.update();
					return answer;
				});
			}
			catch (DuplicateKeyException ex) {
				// another request with this key stored its answer first (its insert waited for this one's commit or
				// the other way round): this one's mails are rolled back with its row, and its answer is the stored one
			}
			catch (ConcurrencyFailureException | QueryTimeoutException ex) {
				// the other request's uncommitted row still holds the key: H2 gave up waiting for it, or saw it change
				throw inFlight();
			}
		}
		throw inFlight();
	}

	/** The stored answer; empty when there is none, or the row had expired and is now deleted. */
	private Optional<IdempotentAnswer> earlier(String user, String key, String requestHash) {
		record Row(String hash, Integer status, String location, String body, OffsetDateTime createdAt) {
		}
		Optional<Row> row = jdbc.sql("""
				select request_hash, answer_status, answer_location, answer_body, created_at
				from api_idempotency_key where username = :user and idempotency_key = :key""")
			.param("user", user)
			.param("key", key)
			.query((rs, n) -> new Row(rs.getString(1), (Integer) rs.getObject(2, Integer.class), rs.getString(3),
					rs.getString(4), rs.getObject(5, OffsetDateTime.class)))
			.optional();
		if (row.isEmpty()) {
			return Optional.empty(); // no request with this key yet (or only one that is not committed)
		}
		Row stored = row.get();
		if (stored.createdAt().toInstant().isBefore(clock.instant().minus(RETENTION))) {
			jdbc.sql("""
					delete from api_idempotency_key
					where username = :user and idempotency_key = :key and created_at = :created""")
				.param("user", user)
				.param("key", key)
				.param("created", stored.createdAt())
				.update();
			return Optional.empty();
		}
		if (!stored.hash().equals(requestHash)) {
			throw new IdempotencyKeyException(Reason.REUSED,
					"was used within the last 24 hours for a request with another body or endpoint");
		}
		if (stored.status() == null) {
			throw inFlight();
		}
		return Optional.of(new IdempotentAnswer(stored.status(), stored.location(), stored.body(), true));
	}

	private static IdempotencyKeyException inFlight() {
		return new IdempotencyKeyException(Reason.IN_FLIGHT,
				"a request with this key is still being processed; retry in a moment");
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
