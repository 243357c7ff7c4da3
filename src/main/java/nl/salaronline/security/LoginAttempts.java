package nl.salaronline.security;

import java.time.Instant;

/**
 * Failed logins counted per key: a user name, a user name from one client address, or a client address of the API.
 * The screen lockout ({@link LoginThrottle}) and the API throttle ({@link ApiLoginThrottle}) keep their counts here
 * only; the application's implementation keeps them in the database ({@link DatabaseLoginAttempts}), so that every
 * instance counts every failure (SPEC section 11).
 */
interface LoginAttempts {

	/** The failures counted under this key; none once the window has passed since the last one. */
	Failures failures(String key);

	/** Counts one more failure under this key (the first again once the window has passed since the last one). */
	void failed(String key);

	/** Forgets the failures under this key. */
	void clear(String key);

	/** How many failures in a row, and when the last one was. */
	record Failures(int count, Instant last) {

		static final Failures NONE = new Failures(0, Instant.EPOCH);

	}

}
