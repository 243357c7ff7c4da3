package nl.salaronline.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The API throttle's view of the shared counts: a count read from the database is reused for {@code maxAge}, so a
 * payroll run's thousands of requests from one address cost no database round trip each (the API asks before every
 * login, even a remembered one, see {@link ApiAuthenticationProvider}). A failure counted here is seen here at once;
 * one counted by another instance within {@code maxAge}. That costs an attacker nothing extra: every guess is still
 * counted, and the API's shortest wait (1 second) is longer than {@code maxAge}.
 */
class RecentlyReadLoginAttempts implements LoginAttempts {

	private final LoginAttempts shared;

	private final Cache<String, Failures> recent;

	RecentlyReadLoginAttempts(LoginAttempts shared, Duration maxAge) {
		this.shared = shared;
		this.recent = Caffeine.newBuilder().expireAfterWrite(maxAge).maximumSize(10_000).build();
	}

	@Override
	public Failures failures(String key) {
		return recent.get(key, shared::failures);
	}

	@Override
	public void failed(String key) {
		shared.failed(key);
		recent.invalidate(key);
	}

	@Override
	public void clear(String key) {
		shared.clear(key);
		recent.invalidate(key);
	}

}
