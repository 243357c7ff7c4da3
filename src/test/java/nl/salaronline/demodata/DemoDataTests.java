package nl.salaronline.demodata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.AppUser;
import nl.salaronline.account.AppUserRepository;
import nl.salaronline.account.Role;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

@SpringBootTest
class DemoDataTests {

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private AppUserRepository users;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private PasswordEncoder passwordEncoder;

	@Autowired
	private DemoData demoData;

	@Test
	void createsTheDemoDataOfTheSpecification() {
		Account demo = accounts.findByName("Demo Accountants B.V.").orElseThrow();
		assertThat(demo.getEmail()).isEqualTo("info@demo-accountants.nl");
		Account other = accounts.findByName("Andere Accountants B.V.").orElseThrow();
		assertThat(other.getEmail()).isEqualTo("info@andere-accountants.nl");

		assertEmployer("1001", "Bakkerij De Korenbloem", "salaris@korenbloem.nl", demo);
		assertEmployer("1002", "Fietsenmaker Jansen", "administratie@jansen-fietsen.nl", demo);
		assertEmployer("2001", "Kapsalon Knip", "info@knip.nl", other);

		assertUser("accountant", Role.ACCOUNTANT, demo.getId());
		assertUser("ander", Role.ACCOUNTANT, other.getId());
		assertUser("admin", Role.ADMIN, null);
		assertUser("payroll", Role.SERVICE, null);
	}

	@Test
	void runningAgainCreatesNothingTwice() {
		long accountCount = accounts.count();
		long userCount = users.count();
		long employerCount = employers.count();
		demoData.afterSingletonsInstantiated();
		assertThat(accounts.count()).isEqualTo(accountCount);
		assertThat(users.count()).isEqualTo(userCount);
		assertThat(employers.count()).isEqualTo(employerCount);
	}

	private void assertEmployer(String code, String name, String email, Account account) {
		Employer employer = employers.findByCode(code).orElseThrow();
		assertThat(employer.getName()).isEqualTo(name);
		assertThat(employer.getEmail()).isEqualTo(email);
		assertThat(employer.getAccountId()).isEqualTo(account.getId());
	}

	private void assertUser(String username, Role role, Long accountId) {
		AppUser user = users.findByUsername(username).orElseThrow();
		assertThat(user.getRole()).isEqualTo(role);
		assertThat(user.getAccountId()).isEqualTo(accountId);
		assertThat(passwordEncoder.matches(username, user.getPasswordHash())).isTrue();
		assertThat(user.getPasswordHash()).startsWith("$2");
	}

}
