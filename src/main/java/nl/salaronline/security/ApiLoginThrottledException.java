package nl.salaronline.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** An API login refused without a password check, because its address failed too often (answered 429). */
class ApiLoginThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	ApiLoginThrottledException(Duration retryAfter) {
		super("Too many failed logins from this address");
		this.retryAfter = retryAfter;
	}

	/** Whole seconds, rounded up, as the Retry-After header counts them. */
	long retryAfterSeconds() {
		return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}

}
