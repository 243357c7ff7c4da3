package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.mail.MailFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

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

@MailTest
class VerzendlogTests {

	private static final Duration DELIVERY = Duration.ofSeconds(30);

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

	private Account account;

	private Employer bakery;

	private Employer cycles;

	private MockHttpSession accountant;

	@BeforeEach
	void accountWithTwoEmployersAndAnAccountant() throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		account = fixtures.account("Kantoor Log");
		bakery = fixtures.employer(account, "Bakkerij De Korenbloem");
		cycles = fixtures.employer(account, "Fietsenmaker Jansen");
		accountant = login(account);
	}

	@Test
	void eachLevelListsTheMailsItsSettingsApplyTo() throws Exception {
		String toEmployer = recipient("werkgever");
		String toBaker = recipient("bakker");
		String toCyclist = recipient("fietser");
		MailId employerMail = mailService.send(OutgoingMail.toEmployer(bakery.getCode(), toEmployer, "Loonjournaal", "x"));
		mailService.send(OutgoingMail.toEmployee(bakery.getCode(), toBaker, "Loonstrook bakker", "x"));
		mailService.send(OutgoingMail.toEmployee(cycles.getCode(), toCyclist, "Loonstrook fietser", "x"));
		await(DELIVERY, "the mail to the employer is sent",
				() -> mailService.find(employerMail).orElseThrow().status() == MailStatus.SENT);

		mvc.perform(get("/gebruiker/verzendlog").session(accountant))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(">Verzendlog</a>")))
			.andExpect(content().string(containsString(toEmployer)))
			.andExpect(content().string(containsString("Loonjournaal")))
			.andExpect(content().string(containsString("Verzonden")))
			.andExpect(content().string(containsString("SalarOnline (standaard)")))
			.andExpect(content().string(not(containsString(toBaker))))
			.andExpect(content().string(not(containsString(toCyclist))));

		mvc.perform(get("/werkgever/verzendlog").session(accountant))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Kies de werkgever")))
			.andExpect(content().string(containsString("/werkgever/" + bakery.getCode() + "/verzendlog")));
		mvc.perform(get("/werkgever/{code}/verzendlog", bakery.getCode()).session(accountant))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(toBaker)))
			.andExpect(content().string(not(containsString(toCyclist))))
			.andExpect(content().string(not(containsString(toEmployer))));
	}

	@Test
	void aFailedMailCanBeSentAgainFromTheVerzendlog() throws Exception {
		String to = recipient("bakker");
		MailId id = failed(OutgoingMail.toEmployee(bakery.getCode(), to, "Loonstrook", "x"));
		mvc.perform(get("/werkgever/{code}/verzendlog", bakery.getCode()).session(accountant))
			.andExpect(content().string(containsString("Mislukt")))
			.andExpect(content().string(containsString("550 5.1.1 mailbox unavailable")))
			.andExpect(content().string(containsString("Opnieuw versturen")));

		mvc.perform(post("/werkgever/{code}/verzendlog/{id}/opnieuw", bakery.getCode(), id.value()).session(accountant)
			.with(csrf()))
			.andExpect(redirectedUrl("/werkgever/" + bakery.getCode() + "/verzendlog"))
			.andExpect(flash().attribute("message", "mail.resend.done"));
		MailDeliveryTests.awaitOne(DefaultMailServer.get(), to);
		await(DELIVERY, "the mail is sent", () -> mailService.find(id).orElseThrow().status() == MailStatus.SENT);
		mvc.perform(get("/werkgever/{code}/verzendlog", bakery.getCode()).session(accountant))
			.andExpect(content().string(containsString("Verzonden")))
			.andExpect(content().string(not(containsString("Opnieuw versturen"))));
	}

	@Test
	void anotherAccountsMailsAndEmployersAreNotFound() throws Exception {
		MailId employerMail = failed(OutgoingMail.toEmployer(bakery.getCode(), recipient("werkgever"), "Journaal", "x"));
		MailId employeeMail = failed(OutgoingMail.toEmployee(bakery.getCode(), recipient("bakker"), "Strook", "x"));
		Account other = new MailFixtures(accounts, employers).account("Ander Kantoor");
		Employer othersEmployer = new MailFixtures(accounts, employers).employer(other, "Kapsalon Knip");
		MockHttpSession intruder = login(other);

		mvc.perform(get("/gebruiker/verzendlog").session(intruder))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Journaal"))));
		mvc.perform(get("/werkgever/{code}/verzendlog", bakery.getCode()).session(intruder))
			.andExpect(status().isNotFound());
		mvc.perform(post("/gebruiker/verzendlog/{id}/opnieuw", employerMail.value()).session(intruder).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/werkgever/{code}/verzendlog/{id}/opnieuw", othersEmployer.getCode(), employeeMail.value())
			.session(intruder).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/werkgever/{code}/verzendlog/{id}/opnieuw", bakery.getCode(), employeeMail.value())
			.session(intruder).with(csrf()))
			.andExpect(status().isNotFound());
		// an employee mail is not the account level's to resend either
		mvc.perform(post("/gebruiker/verzendlog/{id}/opnieuw", employeeMail.value()).session(accountant).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(mailService.find(employerMail).orElseThrow().status()).isEqualTo(MailStatus.FAILED);
		assertThat(mailService.find(employeeMail).orElseThrow().status()).isEqualTo(MailStatus.FAILED);
		// and without CSRF token nothing happens
		mvc.perform(post("/gebruiker/verzendlog/{id}/opnieuw", employerMail.value()).session(accountant))
			.andExpect(status().isForbidden());
		assertThat(mailService.find(employerMail).orElseThrow().status()).isEqualTo(MailStatus.FAILED);
	}

	@Test
	void theVerzendlogIsPaginated() throws Exception {
		for (int i = 0; i < 30; i++) {
			mailService.send(OutgoingMail.toEmployer(bakery.getCode(), recipient("werkgever"), "Journaal " + i, "x"));
		}
		mvc.perform(get("/gebruiker/verzendlog").session(accountant))
			.andExpect(content().string(containsString("Pagina 1 van 2")))
			.andExpect(content().string(containsString("Journaal 29")))
			.andExpect(content().string(not(containsString("Journaal 0<"))));
		mvc.perform(get("/gebruiker/verzendlog").param("page", "1").session(accountant))
			.andExpect(content().string(containsString("Pagina 2 van 2")))
			.andExpect(content().string(containsString("Journaal 0<")));
	}

	@Test
	void theAdminSeesThePlatformsMailQueueByStatus() throws Exception {
		String to = recipient("bakker");
		failed(OutgoingMail.toEmployee(bakery.getCode(), to, "Mislukte strook", "x"));
		MockHttpSession admin = (MockHttpSession) mvc.perform(formLogin().user("admin").password("admin"))
			.andExpect(authenticated())
			.andReturn()
			.getRequest()
			.getSession(false);
		mvc.perform(get("/admin/mails").param("status", "FAILED").session(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(">Mailwachtrij</a>")))
			.andExpect(content().string(containsString(to)));
		mvc.perform(get("/admin/mails").param("status", "SENT").session(admin))
			.andExpect(content().string(not(containsString(to))));
		mvc.perform(get("/admin/mails").session(accountant)).andExpect(status().isForbidden());
	}

	private MailId failed(OutgoingMail mail) {
		return failed(transactions, mailService, jdbc, mail);
	}

	/** A mail stored and failed in one transaction (so no worker tries it), as after a permanent failure. */
	static MailId failed(TransactionTemplate transactions, MailService mailService, JdbcClient jdbc, OutgoingMail mail) {
		return transactions.execute(status -> {
			MailId id = mailService.send(mail);
			jdbc.sql("""
					update mail set status = 'FAILED', attempts = 1, transport = 'DEFAULT',
					  last_reply = '550 5.1.1 mailbox unavailable', last_failure = 'RECIPIENT_REJECTED'
					where id = :id""")
				.param("id", id.value())
				.update();
			return id;
		});
	}

	private MockHttpSession login(Account account) throws Exception {
		String username = "acc" + MailFixtures.unique();
		users.create(username, "wachtwoord-" + username, Role.ACCOUNTANT, account.getId());
		return (MockHttpSession) mvc.perform(formLogin().user(username).password("wachtwoord-" + username))
			.andExpect(authenticated())
			.andReturn()
			.getRequest()
			.getSession(false);
	}

}
