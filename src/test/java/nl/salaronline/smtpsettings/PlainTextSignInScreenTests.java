package nl.salaronline.smtpsettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.ScriptedSmtpServer;
import nl.salaronline.smtp.SmtpSecurity;

/**
 * Issue 16, point 4, on the screens: "Test verbinding" against a server that offers no AUTH is a warning, not a green
 * "accepts the sign-in"; "Geen" with a password is saved (and tested) only after its warning was confirmed, and the
 * sender gets to sign in without TLS only then. Real servers on loopback; real login, session and CSRF.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PlainTextSignInScreenTests {

	static final String MAILBOX = "smtp@kantoor-test.nl";

	static final String PASSWORD = "Winter-2026-geheim";

	static final String CONFIRM = "Met Geen gaat het wachtwoord onversleuteld over het netwerk. Kies STARTTLS of "
			+ "SSL/TLS, of vink aan dat u dit begrijpt.";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SmtpSettingsRepository settings;

	@Autowired
	private SmtpSettingsLookup lookup;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private Users users;

	private Account account;

	private Employer employer;

	private MockHttpSession session;

	@BeforeEach
	void signIn() throws Exception {
		TestLevels levels = new TestLevels(accounts, employers, users);
		account = levels.account();
		employer = levels.employer(account);
		session = TestLevels.signIn(mvc, levels.accountant(account), TestLevels.PASSWORD);
	}

	@Test
	void testVerbindingAgainstAServerWithoutSignInWarnsThatThePasswordWasNotChecked() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(
				command -> command.startsWith("EHLO") ? "250-scripted.test\r\n250 8BITMIME" : null)) {
			mvc.perform(form(werkgever("/testen"), String.valueOf(server.port()), "NONE", PASSWORD)
				.param("plainTextSignIn", "true"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(
						containsString("class=\"alert mb-3 alert-warning\" id=\"smtp-probe-summary\""),
						containsString("De verbinding werkt, maar de server vroeg niet om aanmelding."),
						containsString("Het wachtwoord is dus niet gecontroleerd. Echte e-mails gaan ook zonder "
								+ "aanmelding naar deze server"),
						not(containsString("de server accepteert de aanmelding")), not(containsString("alert-success")),
						matchesPattern("(?s).*id=\"smtp-step-AUTH\">.*?Niet uitgevoerd.*"))));
			assertThat(server.commands).noneMatch(command -> command.startsWith("AUTH"));
		}
	}

	@Test
	void geenWithAPasswordIsSavedOnlyAfterTheWarningWasConfirmed() throws Exception {
		mvc.perform(get("/gebruiker/smtp-instellingen/bewerken").session(session))
			.andExpect(content().string(allOf(containsString("class=\"col-12 smtp-plain-text d-none\""),
					containsString("<label class=\"form-check-label\" for=\"plainTextSignIn\">"))));

		mvc.perform(form("/gebruiker/smtp-instellingen/bewerken", "2525", "NONE", PASSWORD))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(CONFIRM),
					containsString("Let op: met Gebruik Beveiliging Geen gaat het wachtwoord onversleuteld over het "
							+ "netwerk"),
					containsString("class=\"col-12 smtp-plain-text\""), not(containsString(PASSWORD)))));
		assertThat(settings.findByAccountId(account.getId())).as("nothing saved").isEmpty();

		mvc.perform(form("/gebruiker/smtp-instellingen/bewerken", "2525", "NONE", PASSWORD)
			.param("plainTextSignIn", "true")).andExpect(status().isFound());
		assertThat(lookup.forAccount(account.getId()).orElseThrow().server().plainTextSignIn()).isTrue();
		mvc.perform(get("/gebruiker/smtp-instellingen/bewerken").session(session))
			.andExpect(content().string(matchesPattern(
					"(?s).*<input class=\"form-check-input\" type=\"checkbox\" id=\"plainTextSignIn\"[^>]*checked.*")));

		// "Geen" confirmed once stays confirmed while it stays "Geen" (the box comes back ticked); TLS forgets it
		mvc.perform(form("/gebruiker/smtp-instellingen/bewerken", "2525", "STARTTLS", "")).andExpect(status().isFound());
		assertThat(lookup.forAccount(account.getId()).orElseThrow().server().plainTextSignIn()).isFalse();
	}

	@Test
	void testVerbindingWithGeenAsksForTheSameConfirmationBeforeAnyPasswordIsSent() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(command -> null)) {
			for (String action : new String[] { "/testen", "/testmail" }) {
				mvc.perform(form(werkgever(action), String.valueOf(server.port()), "NONE", PASSWORD))
					.andExpect(content().string(allOf(containsString(CONFIRM),
							not(containsString("smtp-probe-summary")))));
			}
			assertThat(server.commands).as("no conversation").isEmpty();
		}
	}

	/**
	 * A level saved with "Geen" and a password before the warning existed (or stored by other means) was never
	 * warned: the sender does not sign in on its plain connection.
	 */
	@Test
	void aLevelStoredWithGeenButNeverWarnedDoesNotSignInWithoutTls() throws Exception {
		mvc.perform(form(werkgever("/bewerken"), "2525", "NONE", PASSWORD).param("plainTextSignIn", "true"))
			.andExpect(status().isFound());
		jdbc.sql("update smtp_settings set plain_text_sign_in_confirmed = false, version = version + 1 "
				+ "where employer_id = :id").param("id", employer.getId()).update();

		var server = lookup.forEmployer(employer.getId()).orElseThrow().server();
		assertThat(server.security()).isEqualTo(SmtpSecurity.NONE);
		assertThat(server.plainTextSignIn()).isFalse();
		assertThat(server.maySignInOn(false)).isFalse();
		mvc.perform(get(werkgever("/bewerken")).session(session))
			.andExpect(content().string(allOf(containsString("class=\"col-12 smtp-plain-text\""),
					not(matchesPattern("(?s).*id=\"plainTextSignIn\"[^>]*checked.*")))));
		mvc.perform(get(werkgever("")).session(session))
			.andExpect(content().string(containsString("Niet bevestigd: SalarOnline meldt zich op deze server niet "
					+ "aan zonder versleuteling")));
	}

	private MockHttpServletRequestBuilder form(String path, String port, String security, String password) {
		boolean employerLevel = path.startsWith("/werkgever");
		String version = (employerLevel ? settings.findByEmployerId(employer.getId())
				: settings.findByAccountId(account.getId())).map(s -> String.valueOf(s.getVersion())).orElse("");
		return post(path).session(session).with(csrf()).param("enabled", "true").param("_enabled", "on")
			.param("host", "127.0.0.1").param("port", port).param("username", MAILBOX).param("security", security)
			.param("password", password).param("_plainTextSignIn", "on").param("version", version)
			.param("testRecipient", "boekhouding@example.nl");
	}

	private String werkgever(String suffix) {
		return "/werkgever/" + employer.getCode() + "/smtp-instellingen" + suffix;
	}

}
