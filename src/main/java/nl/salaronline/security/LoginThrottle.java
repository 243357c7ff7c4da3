package nl.salaronline.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed screen logins per user name: after {@code maxFailures} in a row, further attempts for that name are
 * refused until {@code lockout} has passed, whatever the password. Unknown user names are counted too, so the lock
 * reveals nothing about which names exist.
 * <p>
 * Kept in memory per instance (hand-written: a few lines, where a rate-limiter library would need a limiter object
 * per user name). With several instances an attacker gets {@code maxFailures} tries per instance per lockout period,
 * which still stops password guessing.
 */
class LoginThrottle {

	private static final int MAX_TRACKED_NAMES = 100_000;

	private final int maxFailures;

	private final Duration lockout;

	private final Clock clock;

	private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

	LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
		this.maxFailures = maxFailures;
		this.lockout = lockout;
		this.clock = clock;
	}

	boolean isLocked(String username) {
		Failures current = failures.get(key(username));
		return current != null && current.lockedUntil() != null && clock.instant().isBefore(current.lockedUntil());
	}

	void failed(String username) {
		if (failures.size() >= MAX_TRACKED_NAMES) {
			failures.clear(); // a flood of made-up names must not exhaust memory
		}
		Instant now = clock.instant();
		failures.compute(key(username), (name, current) -> {
			int count = (current == null || current.expiredAt(now)) ? 1 : current.count() + 1;
			return new Failures(count, count >= maxFailures ? now.plus(lockout) : null);
		});
	}

	void succeeded(String username) {
		failures.remove(key(username));
	}

	Duration lockout() {
		return lockout;
	}

	private static String key(String username) {
		return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
	}

	private record Failures(int count, Instant lockedUntil) {

		/** A lock that has run out starts a fresh count. */
		boolean expiredAt(Instant now) {
			return lockedUntil != null && !now.isBefore(lockedUntil);
		}

	}

}
