package nl.salaronline.smtpsettings;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import java.util.UUID;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

/**
 * Fresh accounts, employers and accountant logins with unique names, so tests never depend on each other or on
 * what else is in a shared PostgreSQL database.
 */
final class TestLevels {

	static final String PASSWORD = "geheim-wachtwoord";

	private final AccountRepository accounts;

	private final EmployerRepository employers;

	private final Users users;

	TestLevels(AccountRepository accounts, EmployerRepository employers, Users users) {
		this.accounts = accounts;
		this.employers = employers;
		this.users = users;
	}

	Account account() {
		String unique = unique();
		return accounts.save(new Account("Kantoor " + unique, "info@kantoor-" + unique + ".nl"));
	}

	Employer employer(Account account) {
		String unique = unique();
		return employers.save(new Employer("T" + unique, "Werkgever " + unique, "loon@werkgever-" + unique + ".nl",
				account.getId()));
	}

	/** An accountant login of the account; its password is {@link #PASSWORD}. */
	String accountant(Account account) {
		String username = "acc-" + unique();
		users.create(username, PASSWORD, Role.ACCOUNTANT, account.getId());
		return username;
	}

	/** Signs in through the real login form and returns the session, as a browser would keep it. */
	static MockHttpSession signIn(MockMvc mvc, String username, String password) throws Exception {
		return (MockHttpSession) mvc.perform(formLogin().user(username).password(password))
			.andReturn()
			.getRequest()
			.getSession(false);
	}

	static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

}
