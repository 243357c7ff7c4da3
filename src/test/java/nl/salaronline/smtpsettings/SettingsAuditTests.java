package nl.salaronline.smtpsettings;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

/** Each change of a level's settings is shown on that level's screen and to admins, never with a secret. */
@SpringBootTest
@AutoConfigureMockMvc
class SettingsAuditTests {

	private static final String PASSWORD = "Herfst2026!audit";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SmtpSettingsRepository settings;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private Users users;

	private Account account;

	private Employer employer;

	private String username;

	private MockHttpSession session;

	@BeforeEach
	void signIn() throws Exception {
		TestLevels levels = new TestLevels(accounts, employers, users);
		account = levels.account();
		employer = levels.employer(account);
		username = levels.accountant(account);
		session = TestLevels.signIn(mvc, username, TestLevels.PASSWORD);
	}

	@Test
	void theLevelScreenListsWhoChangedWhichFieldsAndNamesAPasswordChangeWithoutItsValue() throws Exception {
		String screen = "/werkgever/" + employer.getCode() + "/smtp-instellingen";
		saveEmployer(screen, "localhost", "587", "STARTTLS", PASSWORD);
		saveEmployer(screen, "127.0.0.1", "587", "STARTTLS", "Nieuw2026!wachtwoord");
		mvc.perform(post(screen + "/bewerken").session(session).with(csrf()).param("_enabled", "on")
			.param("version", version()));

		mvc.perform(get(screen).session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Wijzigingen"), containsString(username),
					containsString("van localhost naar 127.0.0.1"), containsString("van – naar STARTTLS"),
					containsString("van aan naar uit"), containsString("Wachtwoord</span>"),
					containsString("gewijzigd"))))
			.andExpect(content().string(allOf(not(containsString(PASSWORD)),
					not(containsString("Nieuw2026!wachtwoord")))));

		// the account level of the same account has its own (empty) trail
		mvc.perform(get("/gebruiker/smtp-instellingen").session(session))
			.andExpect(content().string(not(containsString("van localhost naar 127.0.0.1"))));
	}

	@Test
	void aChangeOfAanmeldenMetIsListedWithTheScreensTextsAndTheOAuth2FieldsButNoSecret() throws Exception {
		String screen = "/werkgever/" + employer.getCode() + "/smtp-instellingen";
		String clientSecret = "Zx8Q~auditGeheim.0123456789abcdefghij";
		saveEmployer(screen, "localhost", "587", "STARTTLS", PASSWORD);
		mvc.perform(post(screen + "/bewerken").session(session).with(csrf())
			.param("enabled", "true").param("_enabled", "on").param("host", "localhost").param("port", "587")
			.param("username", "loon@werkgever.nl").param("security", "STARTTLS")
			.param("authMethod", "MICROSOFT_OAUTH2").param("tenantId", "kantoor.onmicrosoft.com")
			.param("clientId", "6731de76-14a6-49ae-97bc-6eba6914391e").param("clientSecret", clientSecret)
			.param("version", version()))
			.andExpect(status().isFound());

		mvc.perform(get(screen).session(session))
			.andExpect(content().string(allOf(containsString("Aanmelden met</span>"),
					containsString("van Wachtwoord naar Microsoft 365 (OAuth2)"),
					containsString("van – naar kantoor.onmicrosoft.com"),
					containsString("van – naar 6731de76-14a6-49ae-97bc-6eba6914391e"),
					containsString("Clientgeheim</span>"), not(containsString("MICROSOFT_OAUTH2</")),
					not(containsString(clientSecret)), not(containsString(PASSWORD)))));
	}

	@Test
	void adminsSeeTheChangesOfEveryLevelButNoSecret() throws Exception {
		String screen = "/werkgever/" + employer.getCode() + "/smtp-instellingen";
		saveEmployer(screen, "localhost", "2525", "NONE", PASSWORD);

		mvc.perform(get("/admin/smtp-wijzigingen").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(
					containsString("Werkgeversniveau: " + employer.getCode() + " " + employer.getName()),
					containsString("van – naar 2525"), not(containsString(PASSWORD)))));
	}

	@Test
	void anotherAccountNeverSeesTheTrail() throws Exception {
		String screen = "/werkgever/" + employer.getCode() + "/smtp-instellingen";
		saveEmployer(screen, "localhost", "2526", "NONE", PASSWORD);

		MockHttpSession ander = TestLevels.signIn(mvc, "ander", "ander");
		mvc.perform(get(screen).session(ander)).andExpect(status().isNotFound());
		mvc.perform(get("/admin/smtp-wijzigingen").session(session)).andExpect(status().isForbidden());
	}

	private void saveEmployer(String screen, String host, String port, String security, String password)
			throws Exception {
		mvc.perform(post(screen + "/bewerken").session(session).with(csrf())
			.param("enabled", "true").param("_enabled", "on").param("host", host).param("port", port)
			.param("username", "loon@werkgever.nl").param("security", security).param("password", password)
			.param("plainTextSignIn", String.valueOf("NONE".equals(security)))
			.param("version", version()))
			.andExpect(status().isFound());
	}

	private String version() {
		return settings.findByEmployerId(employer.getId()).map(s -> String.valueOf(s.getVersion())).orElse("");
	}

}
