package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

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

/** SPEC section 10 in the Verzendlog: a status filter, "Alle mislukte opnieuw versturen", and why rows wait. */
@LimitsTest
class VerzendlogWaitingTests {

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

	private Employer cycles;

	private MockHttpSession session;

	@BeforeEach
	void signIn() throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor Verzendlog");
		bakery = fixtures.employer(account, "Bakkerij De Korenbloem");
		cycles = fixtures.employer(account, "Fietsenmaker Jansen");
		String username = "acc" + MailFixtures.unique();
		users.create(username, "wachtwoord-" + username, Role.ACCOUNTANT, account.getId());
		session = (MockHttpSession) mvc.perform(formLogin().user(username).password("wachtwoord-" + username))
			.andReturn()
			.getRequest()
			.getSession(false);
	}

	@Test
	void allFailedMailsOfTheLevelAreSentAgainInOneActionAndOnlyThoseOfThatLevel() throws Exception {
		List<MailId> failed = IntStream.range(0, 3)
			.mapToObj(i -> VerzendlogTests.failed(transactions, mailService, jdbc,
					OutgoingMail.toEmployee(bakery.getCode(), recipient("werknemer"), "Loonstrook " + i, "Tekst")))
			.toList();
		MailId elsewhere = VerzendlogTests.failed(transactions, mailService, jdbc,
				OutgoingMail.toEmployee(cycles.getCode(), recipient("werknemer"), "Loonstrook", "Tekst"));
		String log = "/werkgever/" + bakery.getCode() + "/verzendlog";

		mvc.perform(get(log).param("status", "FAILED").session(session))
			.andExpect(content().string(allOf(containsString("Alle mislukte opnieuw versturen"),
					containsString("Loonstrook 2"), containsString("<option value=\"FAILED\" selected=\"selected\">"))));
		mvc.perform(get(log).param("status", "SENT").session(session))
			.andExpect(content().string(allOf(containsString("Er zijn geen e-mails met deze status."),
					not(containsString("Loonstrook 2")))));

		mvc.perform(post(log + "/opnieuw-alle").session(session).with(csrf()))
			.andExpect(redirectedUrl(log))
			.andExpect(flash().attribute("messageTo", 3));

		MailFixtures.await(Duration.ofSeconds(20), "the three mails are sent again",
				() -> failed.stream().allMatch(id -> mailService.find(id).orElseThrow().status() == MailStatus.SENT));
		assertThat(mailService.find(elsewhere).orElseThrow().status()).as("another level's failed mail")
			.isEqualTo(MailStatus.FAILED);
	}

	@Test
	void rowsThatWaitSayWhy() throws Exception {
		MailId limited = waiting("RATE_LIMIT", "Loonstrook limiet");
		MailId stopped = waiting("STALLED", "Loonstrook gestopt");

		mvc.perform(get("/werkgever/" + bakery.getCode() + "/verzendlog").session(session))
			.andExpect(content().string(allOf(containsString("Wacht op verzendlimiet"),
					containsString("Verzenden gestopt"))));
		assertThat(mailService.find(limited).orElseThrow().waitingFor()).isEqualTo("RATE_LIMIT");
		assertThat(mailService.find(stopped).orElseThrow().nextAttemptAt()).isNotNull();
	}

	/** A queued mail its level holds back for an hour, as the worker leaves it. */
	private MailId waiting(String why, String subject) {
		return transactions.execute(status -> {
			MailId id = mailService.send(OutgoingMail.toEmployee(bakery.getCode(), recipient("werknemer"), subject,
					"Tekst"));
			jdbc.sql("update mail set waiting_for = :why, next_attempt_at = :later where id = :id")
				.param("why", why)
				.param("later", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1))
				.param("id", id.value())
				.update();
			return id;
		});
	}

}
