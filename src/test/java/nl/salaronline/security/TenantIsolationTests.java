package nl.salaronline.security;

import static nl.salaronline.testsupport.ClientAddresses.basicFromItsOwnAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.AppUserRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.mail.MailService;
import nl.salaronline.mail.OutgoingMail;

/**
 * Tenant isolation (issue 6): walks every route of the application, read from Spring's own handler mapping so a new
 * route cannot be forgotten, as a user of the other account ({@code ander}) with the ids and codes of Demo's account,
 * employers and mails, by GET and POST: 404 for Demo's objects, 403 for admin and 401 for API routes, nothing of Demo's
 * changes. Also: the service user cannot use the screens, screen users cannot use the API, and an admin sees no SMTP
 * password on any page.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTests {

	/** What a route is, for the walk as another account's user. */
	enum Kind {
		/** Acts on an object named in the path: Demo's object is not found. */
		OBJECT,
		/** Acts only on the signed-in user's own account (no id in the path): must show nothing of Demo's. */
		OWN,
		/** Admin only: forbidden to an accountant. */
		ADMIN,
		/** HTTP API: service users only. */
		API,
		/** The API's description (OpenAPI, Swagger UI): service users and admins, no data. */
		DOCS,
		/** Login and error pages: open to all, hold no data. */
		PUBLIC
	}

	/** Every route of the application with its kind; the walk fails on a route missing here. */
	static final Map<String, Kind> ROUTES = Map.ofEntries(Map.entry("GET /", Kind.OWN),
			Map.entry("GET /login", Kind.PUBLIC), Map.entry("ANY /error", Kind.PUBLIC),
			Map.entry("GET /gebruiker", Kind.OWN), Map.entry("GET /gebruiker/onderhoud", Kind.OWN),
			Map.entry("GET /werkgever", Kind.OWN), Map.entry("GET /werkgever/onderhoud", Kind.OWN),
			Map.entry("GET /gebruiker/smtp-instellingen", Kind.OWN),
			Map.entry("GET /gebruiker/smtp-instellingen/bewerken", Kind.OWN),
			Map.entry("POST /gebruiker/smtp-instellingen/bewerken", Kind.OWN),
			Map.entry("POST /gebruiker/smtp-instellingen/testen", Kind.OWN),
			Map.entry("POST /gebruiker/smtp-instellingen/testmail", Kind.OWN),
			Map.entry("POST /gebruiker/smtp-instellingen/certificaat", Kind.OWN),
			Map.entry("POST /gebruiker/smtp-instellingen/certificaat/verwijderen", Kind.OWN),
			Map.entry("GET /werkgever/smtp-instellingen", Kind.OWN),
			Map.entry("GET /werkgever/{code}/smtp-instellingen", Kind.OBJECT),
			Map.entry("GET /werkgever/{code}/smtp-instellingen/bewerken", Kind.OBJECT),
			Map.entry("POST /werkgever/{code}/smtp-instellingen/bewerken", Kind.OBJECT),
			Map.entry("POST /werkgever/{code}/smtp-instellingen/testen", Kind.OBJECT),
			Map.entry("POST /werkgever/{code}/smtp-instellingen/testmail", Kind.OBJECT),
			Map.entry("POST /werkgever/{code}/smtp-instellingen/certificaat", Kind.OBJECT),
			Map.entry("POST /werkgever/{code}/smtp-instellingen/certificaat/verwijderen", Kind.OBJECT),
			Map.entry("GET /gebruiker/verzendlog", Kind.OWN),
			Map.entry("POST /gebruiker/verzendlog/{id}/opnieuw", Kind.OBJECT),
			Map.entry("POST /gebruiker/verzendlog/opnieuw-alle", Kind.OWN),
			Map.entry("GET /werkgever/verzendlog", Kind.OWN),
			Map.entry("GET /werkgever/{code}/verzendlog", Kind.OBJECT),
			Map.entry("POST /werkgever/{code}/verzendlog/{id}/opnieuw", Kind.OBJECT),
			Map.entry("POST /werkgever/{code}/verzendlog/opnieuw-alle", Kind.OBJECT),
			Map.entry("GET /admin/accounts", Kind.ADMIN), Map.entry("GET /admin/accounts/new", Kind.ADMIN),
			Map.entry("POST /admin/accounts/new", Kind.ADMIN), Map.entry("GET /admin/accounts/{accountId}", Kind.ADMIN),
			Map.entry("GET /admin/accounts/{accountId}/edit", Kind.ADMIN),
			Map.entry("POST /admin/accounts/{accountId}/edit", Kind.ADMIN),
			Map.entry("GET /admin/accounts/{accountId}/users/new", Kind.ADMIN),
			Map.entry("POST /admin/accounts/{accountId}/users/new", Kind.ADMIN),
			Map.entry("GET /admin/accounts/users/{userId}/password", Kind.ADMIN),
			Map.entry("POST /admin/accounts/users/{userId}/password", Kind.ADMIN),
			Map.entry("GET /admin/employers", Kind.ADMIN), Map.entry("GET /admin/employers/new", Kind.ADMIN),
			Map.entry("POST /admin/employers/new", Kind.ADMIN),
			Map.entry("GET /admin/employers/{employerId}/edit", Kind.ADMIN),
			Map.entry("POST /admin/employers/{employerId}/edit", Kind.ADMIN),
			Map.entry("GET /admin/smtp-wijzigingen", Kind.ADMIN), Map.entry("GET /admin/mails", Kind.ADMIN),
			Map.entry("POST /api/v1/mails", Kind.API), Map.entry("GET /api/v1/mails/{id}", Kind.API),
			Map.entry("GET /api/v1/mails", Kind.API), Map.entry("POST /api/v1/mail-batches", Kind.API),
			Map.entry("GET /api/v1/mail-batches/{id}", Kind.API), Map.entry("GET /v3/api-docs", Kind.DOCS),
			Map.entry("GET /v3/api-docs.yaml", Kind.DOCS), Map.entry("GET /v3/api-docs/swagger-config", Kind.DOCS),
			Map.entry("GET /swagger-ui.html", Kind.DOCS));

	/** Everything a POST of any form might carry; a route takes what it knows. */
	private static final Map<String, String> FORM = Map.ofEntries(Map.entry("enabled", "true"),
			Map.entry("host", "127.0.0.1"), Map.entry("port", "2525"), Map.entry("username", "info@ander.nl"),
			Map.entry("security", "NONE"), Map.entry("password", "overgenomen-1"), Map.entry("version", "0"),
			Map.entry("testRecipient", "buit@ander.nl"), Map.entry("name", "Overgenomen"),
			Map.entry("email", "buit@ander.nl"), Map.entry("code", "X1"), Map.entry("accountId", "1"));

	/** A password set on a level through the screen; no page may ever show it. */
	private static final String KNOWN_PASSWORD = "Bekend-Wachtwoord-7319!";

	@Autowired
	private MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private AppUserRepository appUsers;

	@Autowired
	private Users users;

	@Autowired
	private MailService mailService;

	private Map<String, String> demo;

	private final List<String> demoMails = new ArrayList<>();

	@BeforeAll
	void demoMails() {
		Employer bakkerij = employers.findByCode("1001").orElseThrow();
		Employer jansen = employers.findByCode("1002").orElseThrow();
		String marker = "isolatie-" + HostileInputTests.unique();
		demoMails.add(mailService.send(OutgoingMail.toEmployer("1001", "a@" + marker + ".nl", "Demo " + marker, "x"))
			.value());
		demoMails.add(mailService.send(OutgoingMail.toEmployee("1001", "b@" + marker + ".nl", "Demo " + marker, "x"))
			.value());
		// failed, so "Opnieuw versturen" would do something if it were let through; and no worker takes them
		demoMails.forEach(id -> jdbc.sql("update mail set status = 'FAILED' where id = :id").param("id", id).update());
		demo = Map.of("code", "1001", "accountId", String.valueOf(bakkerij.getAccountId()), "employerId",
				String.valueOf(jansen.getId()), "userId",
				String.valueOf(appUsers.findByUsername("accountant").orElseThrow().getId()), "marker", marker);
	}

	@AfterAll
	void removeDemoMails() {
		demoMails.forEach(id -> jdbc.sql("delete from mail where id = :id").param("id", id).update());
	}

	@Test
	void everyRouteOfTheApplicationIsInTheWalk() {
		assertThat(routes()).as("routes of the application; add new ones to ROUTES with their kind")
			.isEqualTo(new TreeSet<>(ROUTES.keySet()));
	}

	@Test
	void anotherAccountGetsNotFoundForEveryDemoObjectAndChangesNothing() throws Exception {
		Object before = demoState();
		MockHttpSession ander = login("ander", "ander");
		String anderEmployer = employers.findByCode("2001").orElseThrow().getCode();
		List<String> walked = new ArrayList<>();
		for (String route : routes()) {
			Kind kind = ROUTES.get(route);
			String method = route.substring(0, route.indexOf(' '));
			String pattern = route.substring(route.indexOf(' ') + 1);
			if (kind == Kind.PUBLIC || (kind == Kind.OWN && method.equals("POST"))) {
				continue; // no Demo id to put in; the own-level POSTs bind no ids (SmtpSettingsForm.FIELDS)
			}
			for (String code : List.of("1001", "1002", anderEmployer)) {
				for (String mailId : demoMails) {
					if (code.equals(anderEmployer) && !pattern.contains("{id}")) {
						continue; // ander's own employer is only walked with Demo's mail ids
					}
					String url = pattern.replace("{code}", code)
						.replace("{id}", mailId)
						.replace("{accountId}", demo.get("accountId"))
						.replace("{employerId}", demo.get("employerId"))
						.replace("{userId}", demo.get("userId"));
					MockHttpServletResponse response = perform(method, url,
							kind == Kind.API ? basicFromItsOwnAddress("ander", "ander") : request -> request, ander);
					walked.add(method + " " + url);
					String body = response.getContentAsString(StandardCharsets.UTF_8);
					switch (kind) {
						case OBJECT -> assertThat(response.getStatus()).as(method + " " + url).isEqualTo(404);
						case ADMIN, DOCS -> assertThat(response.getStatus()).as(method + " " + url).isEqualTo(403);
						// the API lets service users only in: ander's right password is refused as a wrong one
						case API -> assertThat(response.getStatus()).as(method + " " + url).isEqualTo(401);
						case OWN -> {
							assertThat(response.getStatus()).as(method + " " + url).isIn(200, 302);
							assertThat(body).doesNotContain("Demo Accountants", "Korenbloem", "Fietsenmaker Jansen",
									demo.get("marker"));
						}
						default -> throw new IllegalStateException(kind.name());
					}
				}
			}
		}
		assertThat(walked).hasSizeGreaterThan(60);
		assertThat(demoState()).as("Demo's settings, audit trail and mails").isEqualTo(before);
	}

	@Test
	void theServiceUserCannotUseTheScreens() throws Exception {
		MockHttpSession session = new MockHttpSession();
		mvc.perform(formLogin().user("payroll").password("payroll"));
		for (String route : routes()) {
			Kind kind = ROUTES.get(route);
			if (kind == Kind.API || kind == Kind.DOCS || kind == Kind.PUBLIC) {
				continue;
			}
			String method = route.substring(0, route.indexOf(' '));
			String url = substituted(route.substring(route.indexOf(' ') + 1));
			MockHttpServletResponse response = perform(method, url, httpBasic("payroll", "payroll"), session);
			assertThat(response.getStatus()).as(route).isNotIn(200, 404);
			if (response.getStatus() == 302) {
				assertThat(response.getRedirectedUrl()).as(route).endsWith("/login");
			}
		}
		MockHttpServletResponse login = mvc.perform(post("/login").with(csrf())
			.param("username", "payroll")
			.param("password", "payroll")).andReturn().getResponse();
		assertThat(login.getRedirectedUrl()).startsWith("/login?");
	}

	@Test
	void screenUsersCannotUseTheApi() throws Exception {
		for (String[] user : List.of(new String[] { "accountant", "accountant" }, new String[] { "admin", "admin" })) {
			MockHttpSession session = login(user[0], user[1]);
			for (String route : routes()) {
				if (ROUTES.get(route) != Kind.API) {
					continue;
				}
				String method = route.substring(0, route.indexOf(' '));
				String url = substituted(route.substring(route.indexOf(' ') + 1));
				assertThat(perform(method, url, basicFromItsOwnAddress(user[0], user[1]), new MockHttpSession())
					.getStatus()).as(user[0] + " " + route + " over HTTP Basic").isEqualTo(401);
				assertThat(perform(method, url, request -> request, session).getStatus())
					.as(user[0] + " " + route + " with a screen session").isIn(401, 403);
			}
		}
	}

	@Test
	void anAdminSeesNoSmtpPasswordOnAnyPage() throws Exception {
		String unique = HostileInputTests.unique();
		Account account = accounts.save(new Account("Wachtwoord " + unique, "info@ww-" + unique + ".nl"));
		Employer employer = employers.save(new Employer("W" + unique, "Werkgever " + unique, "loon@ww-" + unique + ".nl",
				account.getId()));
		String accountant = "ww-" + unique;
		users.create(accountant, "geheim-wachtwoord", Role.ACCOUNTANT, account.getId());
		MockHttpSession own = login(accountant, "geheim-wachtwoord");
		for (String path : List.of("/gebruiker/smtp-instellingen", "/werkgever/" + employer.getCode()
				+ "/smtp-instellingen")) {
			assertThat(mvc.perform(post(path + "/bewerken").session(own).with(csrf()).param("enabled", "true")
				.param("host", "127.0.0.1").param("port", "2525").param("username", "info@ww-" + unique + ".nl")
				.param("security", "NONE").param("plainTextSignIn", "true").param("password", KNOWN_PASSWORD).param("version", ""))
				.andReturn().getResponse().getStatus()).as(path).isEqualTo(302);
		}
		String storedUser = appUsers.findByUsername(accountant).orElseThrow().getId().toString();
		MockHttpSession admin = login("admin", "admin");
		List<String> secrets = secretForms(KNOWN_PASSWORD);
		for (String route : routes()) {
			if (!route.startsWith("GET ") || ROUTES.get(route) == Kind.API) {
				continue;
			}
			String url = route.substring(4)
				.replace("{accountId}", account.getId().toString())
				.replace("{employerId}", employer.getId().toString())
				.replace("{userId}", storedUser)
				.replace("{code}", employer.getCode())
				.replace("{id}", demoMails.get(0));
			MockHttpServletResponse response = perform("GET", url, request -> request, admin);
			if (ROUTES.get(route) == Kind.ADMIN) {
				assertThat(response.getStatus()).as(url).isEqualTo(200);
			}
			else if (url.startsWith("/gebruiker") || url.startsWith("/werkgever")) {
				assertThat(response.getStatus()).as("admin is no accountant: " + url).isEqualTo(403);
			}
			assertThat(response.getContentAsString(StandardCharsets.UTF_8)).as(url).doesNotContain(secrets);
		}
		// the own accountant never gets it back either
		for (String url : List.of("/gebruiker/smtp-instellingen", "/gebruiker/smtp-instellingen/bewerken",
				"/werkgever/" + employer.getCode() + "/smtp-instellingen",
				"/werkgever/" + employer.getCode() + "/smtp-instellingen/bewerken")) {
			assertThat(perform("GET", url, request -> request, own).getContentAsString(StandardCharsets.UTF_8))
				.as(url).doesNotContain(secrets);
		}
	}

	/** A password as it might leak: as typed, base64 (AUTH LOGIN) and as AUTH PLAIN's base64 of user and password. */
	static List<String> secretForms(String password) {
		return List.of(password, Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)));
	}

	private Set<String> routes() {
		Set<String> routes = new TreeSet<>();
		mappings.getHandlerMethods().keySet().forEach(info -> {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (methods.isEmpty()) {
					routes.add("ANY " + pattern);
				}
				methods.forEach(method -> routes.add(method.name() + " " + pattern));
			}
		});
		return routes;
	}

	private String substituted(String pattern) {
		return pattern.replace("{code}", "1001")
			.replace("{id}", demoMails.get(0))
			.replace("{accountId}", demo.get("accountId"))
			.replace("{employerId}", demo.get("employerId"))
			.replace("{userId}", demo.get("userId"));
	}

	private MockHttpServletResponse perform(String method, String url, RequestPostProcessor auth,
			MockHttpSession session) throws Exception {
		MockHttpServletRequestBuilder request;
		if (method.equals("GET")) {
			request = get(url);
		}
		else if (url.startsWith("/api/")) {
			request = post(url).contentType(MediaType.APPLICATION_JSON)
				.content("{\"employerCode\":\"1001\",\"recipient\":\"EMPLOYEE\",\"to\":\"x@" + demo.get("marker")
						+ ".nl\",\"subject\":\"s\",\"text\":\"t\"}");
		}
		else {
			request = post(url).with(csrf());
			FORM.forEach(request::param);
		}
		return mvc.perform(request.session(session).with(auth)).andReturn().getResponse();
	}

	private MockHttpSession login(String username, String password) throws Exception {
		MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user(username).password(password))
			.andReturn()
			.getRequest()
			.getSession(false);
		assertThat(session).isNotNull();
		return session;
	}

	/** Demo's settings rows, audit entries and mails, to compare before and after the walk. */
	private Object demoState() {
		String accountId = demo.get("accountId");
		return List.of(
				jdbc.sql("select * from smtp_settings where account_id = :a or employer_id in "
						+ "(select id from employer where account_id = :a) order by id")
					.param("a", Long.valueOf(accountId)).query().listOfRows().toString(),
				jdbc.sql("select count(*) from smtp_settings_change where account_id = :a")
					.param("a", Long.valueOf(accountId)).query(Long.class).single(),
				jdbc.sql("select count(*) from mail where to_address like :m")
					.param("m", "%" + demo.get("marker") + "%").query(Long.class).single(),
				demoMails.stream().map(id -> jdbc.sql("select status, attempts, updated_at from mail where id = :id")
					.param("id", id).query().singleRow().toString()).toList());
	}

}
