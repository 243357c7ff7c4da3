package nl.salaronline.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/** Puts {@link LoginThrottle} in front of the screen login: a locked name is refused before its password is checked. */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final LoginThrottle throttle;

	ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle) {
		this.delegate = delegate;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		if (throttle.isLocked(username)) {
			throw new LockedException("Too many failed logins");
		}
		try {
			Authentication result = delegate.authenticate(authentication);
			throttle.succeeded(username);
			return result;
		}
		catch (BadCredentialsException ex) {
			throttle.failed(username);
			throw ex;
		}
		catch (AuthenticationException ex) {
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return delegate.supports(authentication);
	}

}
