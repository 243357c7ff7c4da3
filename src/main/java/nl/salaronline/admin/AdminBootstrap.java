package nl.salaronline.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import nl.salaronline.account.AppUserRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;

/**
 * A production database starts without demo data, so without any admin. When {@code SALARONLINE_ADMIN_PASSWORD} is
 * set and no admin exists yet, the first admin ({@code admin}) is created with it; afterwards the variable is
 * ignored and can be removed. Instances starting together on an empty database may both try: the unique user name
 * lets one of them create it, and the other starts all the same.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final AppUserRepository appUsers;

	private final Users users;

	private final String initialPassword;

	AdminBootstrap(AppUserRepository appUsers, Users users,
			@Value("${salaronline.initial-admin-password:}") String initialPassword) {
		this.appUsers = appUsers;
		this.users = users;
		this.initialPassword = initialPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (StringUtils.hasText(initialPassword) && !appUsers.existsByRole(Role.ADMIN)
				&& !appUsers.existsByUsername("admin")) {
			try {
				users.create("admin", initialPassword, Role.ADMIN, null);
				log.info("Created the first admin user 'admin' from salaronline.initial-admin-password");
			}
			catch (DataIntegrityViolationException ex) {
				// another instance starting at the same moment created it (SPEC section 11): there is one, as wanted
				log.info("The first admin user 'admin' was created by another instance");
			}
		}
	}

}
