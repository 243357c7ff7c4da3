package nl.salaronline.security;

import java.util.Set;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.annotation.Transactional;

import nl.salaronline.account.AppUserRepository;
import nl.salaronline.account.Role;

/**
 * Loads users for one way in: the screens accept ACCOUNTANT and ADMIN only, so a service password never opens a
 * screen session; the API accepts SERVICE only, so it never tells whether a screen user's password is right.
 */
class AppUserDetailsService implements UserDetailsService {

	private final AppUserRepository users;

	private final Set<Role> roles;

	AppUserDetailsService(AppUserRepository users, Set<Role> roles) {
		this.users = users;
		this.roles = roles;
	}

	@Override
	@Transactional(readOnly = true)
	public SalarOnlineUser loadUserByUsername(String username) {
		if (username.chars().anyMatch(Character::isISOControl)) {
			// no user name holds one (the admin forms refuse them), and PostgreSQL refuses NUL in a query parameter
			throw new UsernameNotFoundException("No user for this entrance");
		}
		return users.findByUsername(username)
			.filter(user -> roles.contains(user.getRole()))
			.map(SalarOnlineUser::new)
			.orElseThrow(() -> new UsernameNotFoundException("No user for this entrance"));
	}

}
