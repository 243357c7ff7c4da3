package nl.salaronline.demodata;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

/**
 * Creates the demo data of SPEC section 8 when it is missing. Idempotent: existing accounts, users and employers
 * are left as they are, so a restart never resets what a user changed. Off under the prod profile.
 * <p>
 * Created once all beans exist, before the web server starts taking requests: as an {@code ApplicationRunner} it ran
 * after the log said "Started", so a quick first login failed.
 * <p>
 * Instances starting at the same moment on one empty database (SPEC section 11) take turns: on PostgreSQL the
 * transaction first takes an advisory lock, so the second instance finds what the first one made instead of making it
 * again (the unique names and codes would refuse the second copy and stop that instance's start). H2 is one
 * instance's own database and needs no lock.
 */
@Component
@ConditionalOnBooleanProperty(name = "salaronline.demo-data", matchIfMissing = true)
class DemoData implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	/** Any number, the same in every instance: the advisory lock that demo data creation takes on PostgreSQL. */
	static final long LOCK = 0x5a4c_0017L;

	private final AccountRepository accounts;

	private final EmployerRepository employers;

	private final Users users;

	private final JdbcTemplate jdbc;

	DemoData(AccountRepository accounts, EmployerRepository employers, Users users, JdbcTemplate jdbc) {
		this.accounts = accounts;
		this.employers = employers;
		this.users = users;
		this.jdbc = jdbc;
	}

	@Override
	@Transactional
	public void afterSingletonsInstantiated() {
		if ("PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()))) {
			// held until this transaction ends: another instance waits here, then sees the demo data as made
			jdbc.queryForList("select pg_advisory_xact_lock(?)", LOCK);
		}
		Account demo = account("Demo Accountants B.V.", "info@demo-accountants.nl");
		user("accountant", Role.ACCOUNTANT, demo);
		employer("1001", "Bakkerij De Korenbloem", "salaris@korenbloem.nl", demo);
		employer("1002", "Fietsenmaker Jansen", "administratie@jansen-fietsen.nl", demo);

		Account other = account("Andere Accountants B.V.", "info@andere-accountants.nl");
		user("ander", Role.ACCOUNTANT, other);
		employer("2001", "Kapsalon Knip", "info@knip.nl", other);

		user("admin", Role.ADMIN, null);
		user("payroll", Role.SERVICE, null);
	}

	private Account account(String name, String email) {
		return accounts.findByName(name).orElseGet(() -> {
			log.info("Demo data: creating account {}", name);
			return accounts.save(new Account(name, email));
		});
	}

	/** Demo users have their user name as password (SPEC section 8). */
	private void user(String username, Role role, Account account) {
		if (users.findByUsername(username).isEmpty()) {
			users.create(username, username, role, account == null ? null : account.getId());
		}
	}

	private void employer(String code, String name, String email, Account account) {
		if (!employers.existsByCode(code)) {
			employers.save(new Employer(code, name, email, account.getId()));
		}
	}

}
