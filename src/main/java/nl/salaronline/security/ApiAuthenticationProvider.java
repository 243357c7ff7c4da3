package nl.salaronline.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * HTTP Basic for the API without a BCrypt check on every request (SPEC section 5: a payroll run posts
 * thousands of mails). The first request verifies the password with BCrypt; then an HMAC of the password under a
 * random per-process key is remembered for a short time (the TTL). Later requests compare HMACs in constant time;
 * when the TTL has run out, the user is read again and the login renewed if its stored hash is unchanged.
 * <p>
 * Hand-written because Spring Security's {@code UserCache} still runs the password encoder on every request. The
 * cache never holds a password, only a keyed hash that is useless outside this process. A changed password or a
 * disabled user takes effect in this process at once ({@link ApiLoginCacheEviction}) and on other instances
 * within the TTL.
 * <p>
 * Only SERVICE users sign in here. Any other name, a wrong password and the right password of a screen user all cost
 * one BCrypt check (against a dummy hash where there is no service user) and get the same 401, so the API tells
 * nothing about screen users' passwords or which names exist. Failed logins are throttled per client address
 * ({@link ApiLoginThrottle}), before the remembered logins are looked at: otherwise a throttled address could still
 * test guesses against a remembered login at full speed while a payroll run is going on.
 */
class ApiAuthenticationProvider implements AuthenticationProvider {

	private static final int MAX_ENTRIES = 1_000;

	private final AppUserDetailsService users;

	private final PasswordEncoder passwordEncoder;

	private final Duration ttl;

	private final Clock clock;

	private final SecretKeySpec key;

	private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

	private final String dummyHash;

	private final ApiLoginThrottle throttle;

	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

	ApiAuthenticationProvider(AppUserDetailsService users, PasswordEncoder passwordEncoder, Duration ttl,
			ApiLoginThrottle throttle, Clock clock) {
		this.users = users;
		this.throttle = throttle;
		this.passwordEncoder = passwordEncoder;
		this.ttl = ttl;
		this.clock = clock;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.dummyHash = passwordEncoder.encode("no such user");
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		Object credentials = authentication.getCredentials();
		String password = credentials == null ? "" : credentials.toString();
		String address = ClientAddress.of(authentication);
		Duration wait = throttle.waitFor(address);
		if (!wait.isZero()) {
			throw new ApiLoginThrottledException(wait);
		}
		byte[] presented = hmac(username, password);
		Instant now = clock.instant();
		Verified cached = verified.get(username);
		if (cached != null && MessageDigest.isEqual(cached.hmac(), presented)) {
			SalarOnlineUser user = cached.validAt(now) ? cached.user() : stillVerified(cached);
			if (user != null) {
				if (user != cached.user()) {
					verified.put(username, new Verified(user, presented, now.plus(ttl)));
				}
				return authenticated(user, authentication);
			}
		}
		SalarOnlineUser user = verify(username, password);
		if (user == null) {
			// a wrong password leaves a remembered login alone: guesses must not cost the payroll run a BCrypt check
			throttle.failed(address);
			throw new BadCredentialsException("Bad credentials");
		}
		if (verified.size() >= MAX_ENTRIES) {
			verified.clear();
		}
		verified.put(username, new Verified(user, presented, now.plus(ttl)));
		return authenticated(user, authentication);
	}

	/** The enabled service user with this password, or null; one BCrypt check whatever the answer. */
	private SalarOnlineUser verify(String username, String password) {
		SalarOnlineUser user;
		try {
			user = users.loadUserByUsername(username);
		}
		catch (UsernameNotFoundException ex) {
			// no service user of this name (or a screen user): the same time as for a service user
			passwordEncoder.matches(password, dummyHash);
			return null;
		}
		boolean matches = passwordEncoder.matches(password, user.getPassword());
		return matches && user.isEnabled() ? user : null;
	}

	/**
	 * An expired remembered login, renewed without BCrypt when the user is still an enabled service user whose stored
	 * hash is the one the password was checked against: then the presented password (its HMAC matched) still fits. A
	 * password changed or a user disabled on another instance shows here, and gets the full check. Without this, every
	 * client thread of a payroll run paid a BCrypt check (tens of milliseconds) each time the TTL ran out.
	 */
	private SalarOnlineUser stillVerified(Verified cached) {
		try {
			SalarOnlineUser current = users.loadUserByUsername(cached.user().getUsername());
			return current.isEnabled() && current.getPassword().equals(cached.user().getPassword()) ? current : null;
		}
		catch (UsernameNotFoundException ex) {
			return null;
		}
	}

	/** Drops what was remembered for a user, e.g. after a password change or when a user is disabled. */
	void forget(String username) {
		verified.remove(username);
	}

	private Authentication authenticated(SalarOnlineUser user, Authentication request) {
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null,
				user.getAuthorities());
		result.setDetails(request.getDetails());
		return result;
	}

	private byte[] hmac(String username, String password) {
		Mac mac = macs.get();
		mac.update(username.getBytes(StandardCharsets.UTF_8));
		mac.update((byte) 0);
		return mac.doFinal(password.getBytes(StandardCharsets.UTF_8)); // and ready for the next request
	}

	/** A keyed HMAC per request thread: {@code Mac.getInstance} searches the security providers on every call. */
	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac;
		}
		catch (NoSuchAlgorithmException | java.security.InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JRE", ex);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private record Verified(SalarOnlineUser user, byte[] hmac, Instant expiresAt) {

		boolean validAt(Instant now) {
			return now.isBefore(expiresAt);
		}

	}

}
