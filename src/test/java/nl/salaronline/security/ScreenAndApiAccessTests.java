package nl.salaronline.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import nl.salaronline.testsupport.MockMvcSessions;

@SpringBootTest
@AutoConfigureMockMvc
class ScreenAndApiAccessTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JdbcIndexedSessionRepository sessions;

	@Autowired
	private nl.salaronline.account.Users users;

	@Autowired
	private nl.salaronline.account.AccountRepository accounts;

	@Test
	void anonymousVisitorIsSentToTheDutchLoginPage() throws Exception {
		mvc.perform(get("/gebruiker")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Inloggen")))
			.andExpect(content().string(containsString("Gebruikersnaam")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void accountantSignsInAndSeesBothPartsWithTheirOnderhoudMenu() throws Exception {
		MockHttpSession session = login("accountant", "accountant");
		mvc.perform(get("/gebruiker").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(">Gebruiker</a>")))
			.andExpect(content().string(containsString(">Werkgever</a>")))
			.andExpect(content().string(containsString(">Onderhoud</a>")))
			.andExpect(content().string(containsString(">SMTP Instellingen</a>")));
		mvc.perform(get("/werkgever/onderhoud").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/werkgever/smtp-instellingen\"")));
	}

	@Test
	void eachRoleSeesTheMenusOfItsRoleAndItsNameAndNobodyElseDoes() throws Exception {
		MockHttpSession accountant = login("accountant", "accountant");
		mvc.perform(get("/gebruiker").session(accountant))
			.andExpect(content().string(containsString("id=\"signed-in-user\">accountant</span>")))
			.andExpect(content().string(containsString(">Uitloggen</button>")))
			.andExpect(content().string(not(containsString("href=\"/admin/accounts\""))));
		MockHttpSession admin = login("admin", "admin");
		mvc.perform(get("/admin/accounts").session(admin))
			.andExpect(content().string(containsString("id=\"signed-in-user\">admin</span>")))
			.andExpect(content().string(containsString("href=\"/admin/accounts\"")))
			.andExpect(content().string(not(containsString(">Gebruiker</a>"))));
		mvc.perform(get("/login"))
			.andExpect(content().string(not(containsString("Uitloggen"))))
			.andExpect(content().string(not(containsString(">Gebruiker</a>"))))
			.andExpect(content().string(not(containsString("href=\"/admin/accounts\""))));
	}

	@Test
	void wrongPasswordIsRefusedWithADutchMessage() throws Exception {
		mvc.perform(formLogin().user("accountant").password("fout"))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		mvc.perform(get("/login").param("error", ""))
			.andExpect(content().string(containsString("Gebruikersnaam of wachtwoord is onjuist.")));
	}

	@Test
	void serviceUserCannotSignInToTheScreens() throws Exception {
		mvc.perform(formLogin().user("payroll").password("payroll")).andExpect(unauthenticated());
	}

	@Test
	void adminReachesTheAdminScreensButNotTheAccountantParts() throws Exception {
		MockHttpSession session = login("admin", "admin");
		mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/admin/accounts"));
		mvc.perform(get("/admin/accounts").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Demo Accountants B.V.")))
			.andExpect(content().string(containsString("Andere Accountants B.V.")));
		mvc.perform(get("/gebruiker").session(session)).andExpect(status().isForbidden());
	}

	@Test
	void accountantCannotReachTheAdminScreens() throws Exception {
		mvc.perform(get("/admin/accounts").session(login("accountant", "accountant")))
			.andExpect(status().isForbidden());
	}

	@Test
	void apiTakesServiceUsersOnlyOverHttpBasic() throws Exception {
		mvc.perform(get("/api/v1/mails/1"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().exists("WWW-Authenticate"));
		mvc.perform(get("/api/v1/mails/1").with(httpBasic("payroll", "fout"))).andExpect(status().isUnauthorized());
		// a screen user's right password is refused exactly like a wrong one (issue 16)
		mvc.perform(get("/api/v1/mails/1").with(httpBasic("accountant", "accountant")))
			.andExpect(status().isUnauthorized())
			.andExpect(header().exists("WWW-Authenticate"));
		mvc.perform(get("/api/v1/mails/1").with(httpBasic("payroll", "payroll")))
			.andExpect(status().is(not(401)))
			.andExpect(status().is(not(403)));
	}

	@Test
	void screensSendSecurityHeaders() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
			.andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().exists("Referrer-Policy"));
	}

	@Test
	void logoutEndsTheSession() throws Exception {
		MockHttpSession session = login("accountant", "accountant");
		String id = MockMvcSessions.sessionId(session);
		assertThat(storedSessions(id)).isOne();
		mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
		assertThat(storedSessions(id)).as("the session is gone from the database that every instance reads").isZero();
		mvc.perform(get("/gebruiker").session(session)).andExpect(status().isFound());
	}

	@Test
	void anExpiredSessionIsDeletedByTheCleanupAndSendsTheUserToTheLoginPage() throws Exception {
		MockHttpSession session = login("accountant", "accountant");
		String id = MockMvcSessions.sessionId(session);
		jdbc.sql("update spring_session set expiry_time = :past where session_id = :id")
			.param("past", System.currentTimeMillis() - 1_000)
			.param("id", id)
			.update();
		sessions.cleanUpExpiredSessions(); // what spring.session.jdbc.cleanup-cron runs on every instance
		assertThat(storedSessions(id)).as("the expired session's row").isZero();
		mvc.perform(get("/gebruiker").session(session)).andExpect(redirectedUrl("/login"));
	}

	@Test
	void fiveWrongPasswordsLockTheUserNameEvenForTheRightPassword() throws Exception {
		String username = "lock" + java.util.UUID.randomUUID().toString().substring(0, 8);
		users.create(username, "juist-wachtwoord", nl.salaronline.account.Role.ACCOUNTANT, accountId());
		for (int i = 0; i < 5; i++) {
			mvc.perform(formLogin().user(username).password("fout")).andExpect(redirectedUrl("/login?error"));
		}
		mvc.perform(formLogin().user(username).password("juist-wachtwoord"))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?locked"));
		mvc.perform(get("/login").param("locked", ""))
			.andExpect(content().string(containsString(
					"Te veel mislukte pogingen voor deze gebruikersnaam. Probeer het over 5 minuten opnieuw.")));
	}

	@Test
	void signingInGivesANewSessionId() throws Exception {
		MockHttpSession session = new MockHttpSession();
		mvc.perform(get("/login").session(session)).andExpect(status().isOk());
		String idBefore = MockMvcSessions.sessionId(session);
		assertThat(idBefore).as("the login page's session (its CSRF token)").isNotNull();
		mvc.perform(post("/login").param("username", "ander").param("password", "ander").with(csrf()).session(session))
			.andExpect(authenticated());
		assertThat(MockMvcSessions.sessionId(session)).isNotNull().isNotEqualTo(idBefore);
		assertThat(storedSessions(idBefore)).as("nobody can use the id from before the login").isZero();
	}

	private long storedSessions(String id) {
		return jdbc.sql("select count(*) from spring_session where session_id = :id").param("id", id)
			.query(Long.class)
			.single();
	}

	private Long accountId() {
		return accounts.findByName("Demo Accountants B.V.").orElseThrow().getId();
	}

	private MockHttpSession login(String username, String password) throws Exception {
		MvcResult result = mvc.perform(formLogin().user(username).password(password))
			.andExpect(authenticated().withUsername(username))
			.andReturn();
		return (MockHttpSession) result.getRequest().getSession(false);
	}

}
