package nl.salaronline.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows password guessing on the API per client address. After {@code freeFailures} failed logins from one address,
 * that address's next password is checked only 1 second after its last failure, doubling with each further failure up
 * to {@code maxDelay}; until then the API answers 429 with Retry-After, without checking. Nothing is counted per user
 * name, so failures from other addresses never slow the payroll service user; only failures from its own address can.
 */
class ApiLoginThrottle {

	private final LoginAttempts attempts;

	private final int freeFailures;

	private final Duration maxDelay;

	private final Clock clock;

	ApiLoginThrottle(LoginAttempts attempts, int freeFailures, Duration maxDelay, Clock clock) {
		this.attempts = attempts;
		this.freeFailures = freeFailures;
		this.maxDelay = maxDelay;
		this.clock = clock;
	}

	/** How long this address must still wait before a password from it is checked; zero when it need not. */
	Duration waitFor(String address) {
		LoginAttempts.Failures failures = attempts.failures(key(address));
		if (failures.count() < freeFailures) {
			return Duration.ZERO;
		}
		Instant until = failures.last().plus(LoginThrottle.delay(failures.count() - freeFailures, maxDelay));
		Instant now = clock.instant();
		return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
	}

	void failed(String address) {
		attempts.failed(key(address));
	}

	private static String key(String address) {
		return "api-address:" + address;
	}

}
