package nl.salaronline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.mail.MailService;
import nl.salaronline.mail.OutgoingMail;

/**
 * Issue 16: a {@code page} number typed into the address bar of any paged list (the Verzendlog of both levels, the
 * admin's mail queue and SMTP changes) never answers 500. Numbers whose offset overflowed ({@code 2147483647}) or
 * that do not fit an int ({@code 99999999999}) show the last page with a Dutch note; negative and non-numeric ones the
 * first page. Same annotations as {@link HostileInputTests}, so the two share one context.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageNumberInputTests {

	static final String CLAMPED = "Die pagina bestaat niet: u ziet de laatste pagina.";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private Users users;

	@Autowired
	private MailService mailService;

	private Employer employer;

	private MockHttpSession accountant;

	private MockHttpSession admin;

	@BeforeAll
	void twoPagesOfMailsOnEachLevelAndASettingsChange() throws Exception {
		String unique = HostileInputTests.unique();
		Account account = accounts.save(new Account("Pagina's " + unique, "info@paginas-" + unique + ".nl"));
		employer = employers.save(new Employer("P" + unique, "Werkgever " + unique, "loon@wg-" + unique + ".nl",
				account.getId()));
		users.create("pagina-" + unique, "geheim-wachtwoord", Role.ACCOUNTANT, account.getId());
		accountant = signIn("pagina-" + unique, "geheim-wachtwoord");
		admin = signIn("admin", "admin");
		for (int i = 0; i < 30; i++) {
			mailService.send(OutgoingMail.toEmployer(employer.getCode(), "werkgever@ontvanger.nl", "Journaal " + i, "x"));
			mailService.send(OutgoingMail.toEmployee(employer.getCode(), "werknemer@ontvanger.nl", "Strook " + i, "x"));
		}
		MockHttpServletResponse saved = mvc.perform(post("/gebruiker/smtp-instellingen/bewerken").session(accountant)
			.with(csrf()).param("enabled", "false").param("version", "")).andReturn().getResponse();
		assertThat(saved.getStatus()).as("a settings change for the admin's list").isEqualTo(302);
	}

	static Stream<Arguments> pages() {
		List<Arguments> rows = new ArrayList<>();
		for (String list : List.of("account log", "employer log", "admin mails", "admin mails SENDING",
				"admin SMTP changes")) {
			for (String page : List.of("2147483647", "99999999999", "99999999999999999999999", "1000000", "1000001")) {
				rows.add(Arguments.of(list, page, true));
			}
			for (String page : List.of("-1", "-2147483648", "-99999999999", "abc", "1e3", "0x10", "", "１")) {
				rows.add(Arguments.of(list, page, false));
			}
		}
		return rows.stream();
	}

	@ParameterizedTest(name = "{0}, page={1}")
	@MethodSource("pages")
	void anyPageNumberShowsAPageInsteadOfAnError(String list, String page, boolean pastTheEnd) throws Exception {
		MockHttpServletResponse response = mvc.perform(request(list).param("page", page)).andReturn().getResponse();
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(response.getStatus()).as(list + " page " + page).isEqualTo(200);
		if (list.equals("admin mails SENDING")) {
			// no worker runs in this context, so this list is empty: no last page to show, just "no mails"
			assertThat(body).doesNotContain(CLAMPED).contains("Geen e-mails met deze status.");
		}
		else if (pastTheEnd) {
			assertThat(body).contains(CLAMPED);
		}
		else {
			assertThat(body).doesNotContain(CLAMPED);
		}
		if (list.endsWith("log")) {
			assertThat(body).contains(pastTheEnd ? "Pagina 2 van 2" : "Pagina 1 van 2");
		}
	}

	private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request(String list) {
		return switch (list) {
			case "account log" -> get("/gebruiker/verzendlog").session(accountant);
			case "employer log" -> get("/werkgever/{code}/verzendlog", employer.getCode()).session(accountant);
			case "admin mails" -> get("/admin/mails").session(admin);
			case "admin mails SENDING" -> get("/admin/mails").param("status", "SENDING").session(admin);
			default -> get("/admin/smtp-wijzigingen").session(admin);
		};
	}

	private MockHttpSession signIn(String username, String password) throws Exception {
		return (MockHttpSession) mvc.perform(formLogin().user(username).password(password))
			.andReturn()
			.getRequest()
			.getSession(false);
	}

}
