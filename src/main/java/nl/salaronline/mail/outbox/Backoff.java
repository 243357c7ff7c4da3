package nl.salaronline.mail.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": after attempt n the mail waits between half and all of
 * {@code initialDelay * 2^(n-1)} (at most {@code maxDelay}), so mails that failed together do not all come back
 * together.
 * <p>
 * Written here rather than taken from Resilience4j or Spring Retry: those retry within one call on one thread, while
 * a mail's retries span hours, worker instances and restarts, so the state (attempts, next attempt) lives in the
 * outbox row and all that is needed is this one formula.
 */
record Backoff(Duration initialDelay, Duration maxDelay) {

	Duration after(int attempts) {
		long base = Math.max(1, initialDelay.toMillis());
		int doublings = Math.min(Math.max(attempts - 1, 0), 30);
		long full = Math.min(maxDelay.toMillis(), base << doublings);
		long half = full / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(full - half + 1));
	}

}
