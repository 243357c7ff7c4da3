package nl.salaronline.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LoginAttempts} of one JVM only, in memory: a fake for the throttles' own tests (the application shares its
 * counts through the database, {@link DatabaseLoginAttempts}). Failures under a key are forgotten once {@code window} has
 * passed since the last one, so every lock and delay runs out by itself.
 */
class InMemoryLoginAttempts implements LoginAttempts {

	private static final int MAX_KEYS = 100_000;

	private final Duration window;

	private final Clock clock;

	private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

	InMemoryLoginAttempts(Duration window, Clock clock) {
		this.window = window;
		this.clock = clock;
	}

	@Override
	public Failures failures(String key) {
		Failures current = failures.get(key);
		return current == null || expired(current, clock.instant()) ? Failures.NONE : current;
	}

	@Override
	public void failed(String key) {
		Instant now = clock.instant();
		if (failures.size() >= MAX_KEYS) {
			// a flood of made-up names must not exhaust memory: first drop what ran out, only then everything
			failures.values().removeIf(current -> expired(current, now));
			if (failures.size() >= MAX_KEYS) {
				failures.clear();
			}
		}
		failures.compute(key, (name, current) -> new Failures(
				current == null || expired(current, now) ? 1 : current.count() + 1, now));
	}

	@Override
	public void clear(String key) {
		failures.remove(key);
	}

	private boolean expired(Failures current, Instant now) {
		return !now.isBefore(current.last().plus(window));
	}

}
