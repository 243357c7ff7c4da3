package nl.salaronline.security;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;

/**
 * Puts {@link LoginThrottle} in front of the screen login: a name locked for this address is refused before its
 * password is checked, and a name under attack from elsewhere is checked only after a short wait. The wait holds a
 * request thread, so it is capped at a few seconds ({@code salaronline.security.login-max-delay}).
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final LoginThrottle throttle;

	private final Pause pause;

	ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle, Pause pause) {
		this.delegate = delegate;
		this.throttle = throttle;
		this.pause = pause;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		String address = ClientAddress.of(authentication);
		LoginThrottle.Verdict verdict = throttle.before(username, address);
		if (verdict.locked()) {
			throw new LockedException("Too many failed logins");
		}
		if (!verdict.delay().isZero()) {
			try {
				pause.pause(verdict.delay());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InternalAuthenticationServiceException("Interrupted while throttling a login", ex);
			}
		}
		try {
			Authentication result = delegate.authenticate(authentication);
			throttle.succeeded(username, address);
			return result;
		}
		catch (BadCredentialsException ex) {
			throttle.failed(username, address);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return delegate.supports(authentication);
	}

	/** Waits; {@code Thread::sleep} in the application. */
	@FunctionalInterface
	interface Pause {

		void pause(Duration duration) throws InterruptedException;

	}

}
