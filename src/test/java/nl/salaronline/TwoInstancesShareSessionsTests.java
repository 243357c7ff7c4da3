package nl.salaronline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;
import nl.salaronline.testsupport.RequiredEnvironment;

/**
 * SPEC section 11: two instances on one PostgreSQL database behind a load balancer without sticky sessions. A screen
 * session made on one instance is used on the other (sign-in with the first one's CSRF token, the chosen employer, a
 * certificate shown by Test verbinding on one and trusted on the other),
 * logout on one ends it on both, the API reads no session at all, and failed logins on both count towards one lockout.
 * Two application contexts with real web servers in this JVM (the test of two packaged jars is in .ci).
 */
class TwoInstancesShareSessionsTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@RegisterExtension
	static final GreenMailExtension smtps = new GreenMailExtension(
			ServerSetup.dynamicPort(new ServerSetup[] { ServerSetupTest.SMTPS }));

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private String schema;

	@AfterEach
	void stop() throws Exception {
		instances.forEach(ConfigurableApplicationContext::close);
		if (schema != null) {
			try (Connection connection = DriverManager.getConnection(RequiredEnvironment.postgresUrl(), "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("drop schema if exists " + schema + " cascade");
			}
		}
	}

	@Test
	void aSessionMadeOnOneInstanceIsUsedOnTheOtherAndEndsOnBoth() throws Exception {
		startTwo();
		String a = base(0);
		String b = base(1);

		HttpResponse<String> loginPage = get(a + "/login", null);
		String before = cookie(loginPage);
		assertThat(loginPage.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("JSESSIONID=")
			.contains("HttpOnly")
			.contains("SameSite=Lax");
		HttpResponse<String> signIn = post(b + "/login", before,
				Map.of("username", "accountant", "password", "accountant", "_csrf", csrf(loginPage)));
		assertThat(signIn.headers().firstValue("Location")).as("signed in on B with A's login page").hasValue("/");
		String session = cookie(signIn);
		assertThat(session).as("a new session id at sign-in").isNotNull().isNotEqualTo(before);
		assertThat(get(a + "/gebruiker", before).statusCode()).as("the id from before the sign-in").isEqualTo(302);

		HttpResponse<String> signedIn = get(a + "/gebruiker", session);
		assertThat(signedIn.statusCode()).isEqualTo(200);
		assertThat(signedIn.body()).as("signed in on A").contains("action=\"/logout\"");
		assertThat(get(b + "/werkgever/1001/smtp-instellingen", session).statusCode()).isEqualTo(200);
		assertThat(get(a + "/werkgever/onderhoud", session).body()).as("the employer chosen on B, on A")
			.contains("Bakkerij De Korenbloem");

		// Test verbinding on A is shown a certificate; trusting it on B works, because B finds it in the session
		HttpResponse<String> edit = get(a + "/gebruiker/smtp-instellingen/bewerken", session);
		HttpResponse<String> probe = post(a + "/gebruiker/smtp-instellingen/testen", session,
				smtps(csrf(edit), Map.of()));
		Matcher fingerprint = Pattern.compile("id=\"smtp-trust\"[^>]*value=\"([0-9a-f]{64})\"|value=\"([0-9a-f]{64})\"[^>]*id=\"smtp-trust\"")
			.matcher(probe.body());
		assertThat(fingerprint.find()).as("a certificate shown on A").isTrue();
		String sha256 = fingerprint.group(1) != null ? fingerprint.group(1) : fingerprint.group(2);
		HttpResponse<String> trusted = post(b + "/gebruiker/smtp-instellingen/certificaat", session,
				smtps(csrf(probe), Map.of("trustSha256", sha256, "trustSubject", "CN=greenmail")));
		assertThat(trusted.body()).as("trusted on B").contains(">Vertrouwd certificaat</p>")
			.contains("name=\"pinnedCertificateSha256\" value=\"" + sha256 + "\"");

		String id = new String(Base64.getDecoder().decode(session), StandardCharsets.UTF_8);
		assertThat(storedSessions(id)).isOne();
		HttpResponse<String> page = get(b + "/gebruiker", session);
		HttpResponse<String> logout = post(b + "/logout", session, Map.of("_csrf", csrf(page)));
		assertThat(logout.headers().firstValue("Location")).hasValue("/login?logout");
		HttpResponse<String> afterLogout = get(a + "/gebruiker", session);
		assertThat(afterLogout.statusCode()).isEqualTo(302);
		assertThat(afterLogout.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		assertThat(storedSessions(id)).as("the session is gone from the database").isZero();
	}

	@Test
	void theApiReadsNoSessionEvenWithASessionCookie() throws Exception {
		startTwo();
		HttpResponse<String> loginPage = get(base(0) + "/login", null);
		String session = cookie(post(base(0) + "/login", cookie(loginPage),
				Map.of("username", "accountant", "password", "accountant", "_csrf", csrf(loginPage))));
		// any session query would now fail with a 500
		jdbc().sql("alter table spring_session_attributes rename to spring_session_attributes_away").update();
		jdbc().sql("alter table spring_session rename to spring_session_away").update();
		try {
			for (int i = 0; i < 3; i++) {
				HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base(i % 2) + "/api/v1/mails?size=1"))
					.header("Authorization", basic("payroll", "payroll"))
					.header("Cookie", "JSESSIONID=" + session)
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
				assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
			}
		}
		finally {
			jdbc().sql("alter table spring_session_away rename to spring_session").update();
			jdbc().sql("alter table spring_session_attributes_away rename to spring_session_attributes").update();
		}
	}

	@Test
	void failedLoginsOnBothInstancesCountTowardsOneLockout() throws Exception {
		startTwo();
		String username = "gedeeld-" + UUID.randomUUID().toString().substring(0, 8);
		Long account = instances.get(0).getBean(AccountRepository.class).findByName("Demo Accountants B.V.")
			.orElseThrow()
			.getId();
		instances.get(0).getBean(Users.class).create(username, "juist-wachtwoord", Role.ACCOUNTANT, account);
		for (int i = 0; i < 5; i++) {
			assertThat(signIn(base(i % 2), username, "fout-" + i)).isEqualTo("/login?error");
		}
		// 3 failures on A and 2 on B: on either instance alone this address would still have 2 tries left
		assertThat(signIn(base(0), username, "juist-wachtwoord")).isEqualTo("/login?locked");
		assertThat(signIn(base(1), username, "juist-wachtwoord")).isEqualTo("/login?locked");
	}

	/** The SMTP Instellingen form for the test SMTPS server, whose certificate no CA vouches for. */
	private Map<String, String> smtps(String csrf, Map<String, String> more) {
		Map<String, String> form = new java.util.HashMap<>(Map.of("_csrf", csrf, "enabled", "true", "_enabled", "on",
				"host", "localhost", "port", String.valueOf(smtps.getSmtps().getPort()), "username",
				"info@demo-accountants.nl", "security", "SSL_TLS", "plainTextSignIn", "false", "password", "geheim"));
		form.put("version", "");
		form.putAll(more);
		return form;
	}

	private String signIn(String base, String username, String password) throws Exception {
		HttpResponse<String> loginPage = get(base + "/login", null);
		return post(base + "/login", cookie(loginPage),
				Map.of("username", username, "password", password, "_csrf", csrf(loginPage)))
			.headers()
			.firstValue("Location")
			.orElseThrow();
	}

	private void startTwo() {
		RequiredEnvironment.requirePostgres();
		schema = "two_instances_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String base = RequiredEnvironment.postgresUrl();
		String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		instances.add(start(url));
		instances.add(start(url));
	}

	private ConfigurableApplicationContext start(String url) {
		return new SpringApplicationBuilder(SmtpInstellingenApplication.class).run("--spring.datasource.url=" + url,
				"--spring.datasource.username=postgres", "--spring.datasource.password=", "--server.port=0",
				"--salaronline.mail.worker.enabled=false", "--salaronline.dev-mail-catcher.enabled=false",
				"--spring.flyway.schemas=" + schema, "--spring.datasource.hikari.maximum-pool-size=4");
	}

	private long storedSessions(String id) {
		return jdbc().sql("select count(*) from spring_session where session_id = :id").param("id", id)
			.query(Long.class)
			.single();
	}

	private JdbcClient jdbc() {
		return instances.get(0).getBean(JdbcClient.class);
	}

	private String base(int instance) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) instances.get(instance)).getWebServer().getPort();
	}

	private HttpResponse<String> get(String url, String session) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (session != null) {
			request.header("Cookie", "JSESSIONID=" + session);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String url, String session, Map<String, String> form) throws Exception {
		String body = form.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (session != null) {
			request.header("Cookie", "JSESSIONID=" + session);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The session cookie the answer sets, or null. */
	private static String cookie(HttpResponse<?> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(value -> value.startsWith("JSESSIONID="))
			.map(value -> value.substring("JSESSIONID=".length(), value.indexOf(';')))
			.filter(value -> !value.isEmpty())
			.findFirst()
			.orElse(null);
	}

	private static String csrf(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return matcher.group(1);
	}

	private static String basic(String username, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
