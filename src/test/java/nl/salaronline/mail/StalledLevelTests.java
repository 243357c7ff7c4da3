package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.mail.MailFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.hamcrest.Matchers;
import org.jasypt.encryption.StringEncryptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.openqa.selenium.By;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.testsupport.Browser;
import nl.salaronline.testsupport.RequiredEnvironment;

/**
 * SPEC section 10: a level whose own server refuses the sign-in stops; its mails wait without spending attempts, the
 * accountant sees why on the level's pages and gets one mail at the level's address, and correcting the settings on
 * the screen sends them all.
 */
@LimitsTest
class StalledLevelTests {

	private static final String RIGHT = "nieuw-wachtwoord-2026";

	private static final String SUBJECT = "Verzenden via uw SMTP-server is gestopt";

	@LocalServerPort
	private int port;

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
	private StringEncryptor encryptor;

	@Autowired
	private io.micrometer.core.instrument.MeterRegistry meters;

	private OwnSmtpLevels levels;

	private Employer bakery;

	private ProviderSmtpServer exchange;

	private String username;

	private MockHttpSession session;

	@BeforeEach
	void level() throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor Gestopt");
		bakery = fixtures.employer(account, "Bakkerij De Korenbloem");
		levels = new OwnSmtpLevels(jdbc, encryptor);
		exchange = new ProviderSmtpServer(RIGHT);
		username = "acc" + MailFixtures.unique();
		users.create(username, "wachtwoord-" + username, Role.ACCOUNTANT, account.getId());
		session = (MockHttpSession) mvc.perform(formLogin().user(username).password("wachtwoord-" + username))
			.andReturn()
			.getRequest()
			.getSession(false);
	}

	@AfterEach
	void stop() throws Exception {
		exchange.close();
	}

	@Test
	void aChangedMailboxPasswordStopsTheLevelUntilTheNewOneIsSavedOnTheScreen() throws Exception {
		levels.use(bakery, exchange.port(), SmtpSecurity.NONE, "salaris@korenbloem.nl", "oud-wachtwoord", null);
		List<MailId> run = mailService.sendAll(payslips(20));

		await(Duration.ofSeconds(20), "all 20 mails wait for the stopped level", () -> allWaitFor(run, "STALLED"));
		assertThat(run).allSatisfy(id -> assertThat(report(id).attempts()).isZero());
		mvc.perform(get("/api/v1/mails/{id}", run.get(0).value()).with(httpBasic("payroll", "payroll")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("QUEUED"))
			.andExpect(jsonPath("$.waitingFor").value("STALLED"))
			.andExpect(jsonPath("$.nextAttemptAt").value(Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z")))
			.andExpect(jsonPath("$.lastError").doesNotExist());

		// the banner on both of the level's pages, and the level on the Gebruiker start page
		for (String page : List.of(settingsPage(), "/werkgever/" + bakery.getCode() + "/verzendlog")) {
			mvc.perform(get(page).session(session))
				.andExpect(status().isOk())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
					.string(Matchers.allOf(Matchers.containsString(">Verzenden gestopt sinds "),
							Matchers.containsString("535 5.7.8 Authentication credentials invalid"),
							Matchers.containsString("Er wachten 20 e-mails."))));
		}
		// while the worker tries the level again it holds the mails for a moment: they still wait
		claimAsTheWorkerWould(run);
		mvc.perform(get(settingsPage()).session(session))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.containsString("Er wachten 20 e-mails.")));
		handBack(run);
		// a stalled level is the level's problem, not the platform's; it is counted, not tagged
		mvc.perform(get("/actuator/health")).andExpect(jsonPath("$.status").value("UP"));
		assertThat(meters.get("salaronline.levels.stalled").counter().count()).isPositive();
		assertThat(meters.get("salaronline.levels.stalled.now").gauge().value()).isPositive();
		mvc.perform(get("/gebruiker").session(session))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.containsString("href=\"" + settingsPage() + "\"")));
		browserShowsTheBanner();

		// one notification at the level's own address through the default server, not one per retry (every 2 s)
		await(Duration.ofSeconds(10), "the notification arrived", () -> notifications().size() == 1);
		Thread.sleep(4_500);
		List<MimeMessage> notifications = notifications();
		assertThat(notifications).hasSize(1);
		MimeMessage notification = notifications.get(0);
		assertThat(notification.getSubject()).startsWith(SUBJECT).contains(bakery.getCode());
		assertThat(((InternetAddress) notification.getFrom()[0]).getAddress()).isEqualTo("no-reply@salaronline.nl");
		assertThat(notification.getContent().toString()).contains("535 5.7.8", "20 e-mails", "SMTP Instellingen");
		assertThat(exchange.acceptedCount()).isZero();

		// the accountant types the new password and saves
		mvc.perform(post(settingsPage() + "/bewerken").session(session).with(csrf()).param("enabled", "true")
			.param("host", "127.0.0.1").param("port", String.valueOf(exchange.port()))
			.param("username", "salaris@korenbloem.nl").param("security", "NONE").param("plainTextSignIn", "true")
			.param("authMethod", "PASSWORD")
			.param("password", RIGHT).param("version", version()))
			.andExpect(status().isFound());

		await(Duration.ofSeconds(10), "all 20 mails are sent", () -> run.stream()
			.allMatch(id -> report(id).status() == MailStatus.SENT));
		assertThat(exchange.acceptedCount()).isEqualTo(20);
		assertThat(run).allSatisfy(id -> assertThat(report(id).attempts()).isEqualTo(1));
		mvc.perform(get(settingsPage()).session(session))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.not(Matchers.containsString("Verzenden gestopt"))));
	}

	@Test
	void basicAuthenticationSwitchedOffStopsTheLevelUntilTestVerbindingPasses() throws Exception {
		exchange.refuseSignIn(ProviderSmtpServer.EXCHANGE_BASIC_AUTH_OFF);
		levels.use(bakery, exchange.port(), SmtpSecurity.NONE, "salaris@korenbloem.nl", RIGHT, null);
		List<MailId> run = mailService.sendAll(payslips(20));

		await(Duration.ofSeconds(20), "all 20 mails wait for the stopped level", () -> allWaitFor(run, "STALLED"));
		mvc.perform(get(settingsPage()).session(session))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.allOf(Matchers.containsString("Verzenden gestopt sinds "),
						Matchers.containsString("5.7.139"))));
		await(Duration.ofSeconds(10), "the notification arrived", () -> notifications().size() == 1);

		// the provider switched SMTP AUTH on again; Test verbinding on the saved settings (password field empty)
		exchange.refuseSignIn(null);
		mvc.perform(post(settingsPage() + "/testen").session(session).with(csrf()).param("enabled", "true")
			.param("host", "127.0.0.1").param("port", String.valueOf(exchange.port()))
			.param("username", "salaris@korenbloem.nl").param("security", "NONE").param("plainTextSignIn", "true")
			.param("authMethod", "PASSWORD")
			.param("password", "").param("version", version()))
			.andExpect(status().isOk());

		await(Duration.ofSeconds(10), "all 20 mails are sent", () -> run.stream()
			.allMatch(id -> report(id).status() == MailStatus.SENT));
		assertThat(run).allSatisfy(id -> assertThat(report(id).attempts()).isEqualTo(1));
		assertThat(notifications()).hasSize(1);
	}

	@Test
	void withTheFallbackOnAStoppedLevelsMailsGoThroughSalarOnlineOnItsBehalf() throws Exception {
		levels.use(bakery, exchange.port(), SmtpSecurity.NONE, "salaris@korenbloem.nl", "oud-wachtwoord", null);
		levels.fallback(bakery);
		List<MailId> run = mailService.sendAll(payslips(5));

		await(Duration.ofSeconds(20), "the mails went through the default transport", () -> run.stream()
			.allMatch(id -> report(id).status() == MailStatus.SENT));
		assertThat(run).allSatisfy(id -> {
			assertThat(report(id).transport()).isEqualTo(MailTransport.DEFAULT);
			assertThat(report(id).from()).contains("no-reply@salaronline.nl");
		});
		List<MimeMessage> arrived = Arrays.stream(DefaultMailServer.get().getReceivedMessages())
			.filter(message -> subjectOf(message).startsWith("Loonstrook " + bakery.getCode()))
			.toList();
		assertThat(arrived).hasSize(5).allSatisfy(message -> {
			assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("no-reply@salaronline.nl");
			assertThat(((InternetAddress) message.getReplyTo()[0]).getAddress()).isEqualTo(bakery.getEmail());
		});
		assertThat(exchange.acceptedCount()).isZero();
		mvc.perform(get(settingsPage()).session(session))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.containsString("de nieuwe e-mails gaan zolang via de server van SalarOnline")));
	}

	private void browserShowsTheBanner() {
		RequiredEnvironment.requireChromium();
		try (Browser browser = new Browser(port)) {
			browser.login(username, "wachtwoord-" + username);
			assertThat(browser.text()).contains("Verzenden gestopt", bakery.getCode() + " " + bakery.getName());
			browser.driver().findElement(By.linkText("Werkgeversniveau: " + bakery.getCode() + " " + bakery.getName()))
				.click();
			new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(10))
				.until(driver -> driver.getCurrentUrl().endsWith(settingsPage()));
			assertThat(browser.text()).contains("Verzenden gestopt sinds", "Er wachten 20 e-mails.",
					"535 5.7.8 Authentication credentials invalid");
			browser.open("/werkgever/" + bakery.getCode() + "/verzendlog");
			assertThat(browser.text()).contains("Verzenden gestopt sinds", "Er wachten 20 e-mails.");
			browser.screenshot(java.nio.file.Path.of("target/screenshots/verzenden-gestopt.png"));
		}
	}

	/**
	 * The mails as a worker's claim leaves them: SENDING under a lease that will not run out during the test, with a
	 * token of the test's own, so that only these are handed back (a real claim may hold some of them just now).
	 */
	private void claimAsTheWorkerWould(List<MailId> ids) {
		jdbc.sql("update mail set status = 'SENDING', claimed_until = :until, claim_token = 'test' "
				+ "where id in (:ids) and status = 'QUEUED'")
			.param("until", java.sql.Timestamp.from(java.time.Instant.now().plus(Duration.ofMinutes(10))))
			.param("ids", ids.stream().map(MailId::value).toList())
			.update();
	}

	private void handBack(List<MailId> ids) {
		jdbc.sql("update mail set status = 'QUEUED' where id in (:ids) and claim_token = 'test'")
			.param("ids", ids.stream().map(MailId::value).toList())
			.update();
	}

	private String settingsPage() {
		return "/werkgever/" + bakery.getCode() + "/smtp-instellingen";
	}

	private String version() {
		return jdbc.sql("select version from smtp_settings where employer_id = :id")
			.param("id", bakery.getId())
			.query(Long.class)
			.single()
			.toString();
	}

	private List<MimeMessage> notifications() {
		return Arrays.stream(DefaultMailServer.get().getReceivedMessages()).filter(message -> {
			try {
				return subjectOf(message).startsWith(SUBJECT) && Arrays.stream(message.getRecipients(Message.RecipientType.TO))
					.anyMatch(to -> ((InternetAddress) to).getAddress().equals(bakery.getEmail()));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static String subjectOf(MimeMessage message) {
		try {
			return String.valueOf(message.getSubject());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<OutgoingMail> payslips(int count) {
		return IntStream.range(0, count)
			.mapToObj(i -> OutgoingMail.toEmployee(bakery.getCode(), recipient("werknemer" + i),
					"Loonstrook " + bakery.getCode() + " " + i, "Uw loonstrook staat klaar."))
			.toList();
	}

	private boolean allWaitFor(List<MailId> ids, String why) {
		return ids.stream().allMatch(id -> why.equals(report(id).waitingFor()));
	}

	private MailReport report(MailId id) {
		return mailService.find(id).orElseThrow();
	}

}
