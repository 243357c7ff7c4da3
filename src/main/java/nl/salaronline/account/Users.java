package nl.salaronline.account;

import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates logins and sets their passwords; only BCrypt hashes are ever stored. */
@Service
public class Users {

	private final AppUserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final ApplicationEventPublisher events;

	Users(AppUserRepository users, PasswordEncoder passwordEncoder, ApplicationEventPublisher events) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.events = events;
	}

	@Transactional
	public AppUser create(String username, String rawPassword, Role role, Long accountId) {
		return users.save(new AppUser(username, passwordEncoder.encode(rawPassword), role, accountId));
	}

	@Transactional
	public void changePassword(AppUser user, String rawPassword) {
		user.setPasswordHash(passwordEncoder.encode(rawPassword));
		users.save(user);
		events.publishEvent(new UserCredentialsChanged(user.getUsername()));
	}

	@Transactional
	public void setEnabled(AppUser user, boolean enabled) {
		user.setEnabled(enabled);
		users.save(user);
		events.publishEvent(new UserCredentialsChanged(user.getUsername()));
	}

	public Optional<AppUser> findByUsername(String username) {
		return users.findByUsername(username);
	}

	@Configuration(proxyBeanMethods = false)
	static class PasswordHashing {

		@Bean
		PasswordEncoder passwordEncoder() {
			return new BCryptPasswordEncoder();
		}

	}

}
