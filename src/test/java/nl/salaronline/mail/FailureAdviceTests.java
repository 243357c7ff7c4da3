package nl.salaronline.mail;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

/** The Verzendlog's advice for a failed attempt matches the transport that failed. */
@MailTest
class FailureAdviceTests {

	private static final String OWN_SERVER_ADVICE = "Controleer SMTP Serverpoort";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MailService mailService;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private Users users;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TransactionTemplate transactions;

	private Employer bakery;

	private MockHttpSession accountant;

	@BeforeEach
	void employerAndAccountant() throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor Advies");
		bakery = fixtures.employer(account, "Bakkerij De Korenbloem");
		String username = "acc" + MailFixtures.unique();
		users.create(username, "wachtwoord-" + username, Role.ACCOUNTANT, account.getId());
		accountant = (MockHttpSession) mvc.perform(formLogin().user(username).password("wachtwoord-" + username))
			.andExpect(authenticated())
			.andReturn()
			.getRequest()
			.getSession(false);
	}

	@Test
	void theDefaultServerUnreachableAsksNothingOfTheAccountant() throws Exception {
		stored("DEFAULT", "QUEUED");
		page().andExpect(content().string(containsString(
				"De standaardserver van SalarOnline was niet bereikbaar. U hoeft niets te doen: de e-mail wordt vanzelf opnieuw verstuurd.")))
			.andExpect(content().string(not(containsString(OWN_SERVER_ADVICE))))
			.andExpect(content().string(not(containsString("vraag uw beheerder"))));
	}

	@Test
	void theDefaultServerGivenUpSaysTheSettingsAreNotTheCause() throws Exception {
		stored("DEFAULT", "FAILED");
		page().andExpect(content().string(containsString("Aan uw instellingen ligt het niet")))
			.andExpect(content().string(not(containsString(OWN_SERVER_ADVICE))));
	}

	@Test
	void theEmployersOwnServerUnreachableStillPointsAtItsSettings() throws Exception {
		stored("EMPLOYER", "QUEUED");
		page().andExpect(content().string(containsString(OWN_SERVER_ADVICE)))
			.andExpect(content().string(not(containsString("De standaardserver van SalarOnline"))));
	}

	private org.springframework.test.web.servlet.ResultActions page() throws Exception {
		return mvc.perform(get("/werkgever/{code}/verzendlog", bakery.getCode()).session(accountant));
	}

	/** A mail whose last attempt met "Connection refused", stored so that no worker takes it (next try tomorrow). */
	private void stored(String transport, String status) {
		transactions.executeWithoutResult(tx -> {
			MailId id = mailService.send(OutgoingMail.toEmployee(bakery.getCode(), MailFixtures.recipient("jan"),
					"Loonstrook", "x"));
			jdbc.sql("""
					update mail set status = :status, attempts = 1, transport = :transport,
					  next_attempt_at = current_timestamp + interval '1' day,
					  last_reply = 'Connection refused', last_failure = 'CONNECTION_REFUSED'
					where id = :id""")
				.param("status", status)
				.param("transport", transport)
				.param("id", id.value())
				.update();
		});
	}

}
