package nl.salaronline.security;

import java.time.Duration;
import java.util.Locale;

/**
 * Stops password guessing on the login form without letting anyone lock a user out. Failures are counted per user
 * name from one client address and per user name (letter case and surrounding spaces do not count, and unknown names
 * are counted too, so nothing reveals which names exist):
 * <ul>
 * <li>after {@code maxFailures} from one address, that address is refused for that name, whatever the password, until
 * {@code lockout} has passed since its last failure;</li>
 * <li>after {@code maxFailures} for the name from any addresses, every other address waits before its password is
 * checked: 1 second, doubling with each further failure, at most {@code maxDelay}. A right password then signs in.</li>
 * </ul>
 * So an attacker locks out only their own address, and the real user, from elsewhere, waits a few seconds at most.
 */
class LoginThrottle {

	private final LoginAttempts attempts;

	private final int maxFailures;

	private final Duration lockout;

	private final Duration maxDelay;

	LoginThrottle(LoginAttempts attempts, int maxFailures, Duration lockout, Duration maxDelay) {
		this.attempts = attempts;
		this.maxFailures = maxFailures;
		this.lockout = lockout;
		this.maxDelay = maxDelay;
	}

	/** What a sign-in for this name from this address must do before its password is checked. */
	Verdict before(String username, String address) {
		if (attempts.failures(pairKey(username, address)).count() >= maxFailures) {
			return Verdict.LOCKED;
		}
		int failures = attempts.failures(nameKey(username)).count();
		return failures < maxFailures ? Verdict.NONE : new Verdict(false, delay(failures - maxFailures, maxDelay));
	}

	void failed(String username, String address) {
		attempts.failed(pairKey(username, address));
		attempts.failed(nameKey(username));
	}

	/**
	 * Clears this address's count for the name. The name's own count stays until it runs out: a sign-in by the real
	 * user says nothing about the guesses from elsewhere.
	 */
	void succeeded(String username, String address) {
		attempts.clear(pairKey(username, address));
	}

	Duration lockout() {
		return lockout;
	}

	/** 1 second after the first failure beyond the limit, doubling with each further one, at most {@code max}. */
	static Duration delay(int beyondLimit, Duration max) {
		Duration delay = Duration.ofSeconds(1L << Math.min(beyondLimit, 30));
		return delay.compareTo(max) > 0 ? max : delay;
	}

	private static String nameKey(String username) {
		return "screen-name:" + normalized(username);
	}

	private static String pairKey(String username, String address) {
		return "screen-address:" + address + ":" + normalized(username);
	}

	private static String normalized(String username) {
		return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
	}

	/** Refused without a password check, or checked after waiting {@code delay} (zero: at once). */
	record Verdict(boolean locked, Duration delay) {

		static final Verdict LOCKED = new Verdict(true, Duration.ZERO);

		static final Verdict NONE = new Verdict(false, Duration.ZERO);

	}

}
