package nl.salaronline.smtpsettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpConnections;
import nl.salaronline.smtp.SmtpServer;

/**
 * "Test verbinding" and "Verstuur testmail" on the SMTP Instellingen form of both levels (issue 5), without
 * JavaScript: the form posts, the page comes back with the step report. Real SMTP servers on loopback (GreenMail).
 */
@SpringBootTest
@AutoConfigureMockMvc
class SmtpTestScreenTests {

	static final String MAILBOX = "smtp@kantoor-test.nl";

	static final String SMTP_PASSWORD = "Voorjaar-2026-geheim";

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(
			ServerSetup.dynamicPort(new ServerSetup[] { ServerSetupTest.SMTP, ServerSetupTest.SMTPS }))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, MAILBOX, SMTP_PASSWORD));

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SmtpSettingsRepository settings;

	@Autowired
	private SmtpSettingsLookup lookup;

	@Autowired
	private SmtpConnections connections;

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
	void editModeOffersBothTestsAndViewModeDoesNot() throws Exception {
		mvc.perform(get("/gebruiker/smtp-instellingen/bewerken").session(session))
			.andExpect(content().string(allOf(containsString(">Test verbinding</button>"),
					containsString(">Verstuur testmail</button>"),
					containsString("formaction=\"/gebruiker/smtp-instellingen/testen\""),
					containsString("formaction=\"/gebruiker/smtp-instellingen/testmail\""),
					containsString("<label class=\"form-label\" for=\"testRecipient\">Testmail aan</label>"),
					containsString("/js/smtp-test.js"))));
		mvc.perform(get("/gebruiker/smtp-instellingen").session(session))
			.andExpect(content().string(not(containsString("Test verbinding"))));
	}

	@Test
	void testVerbindingOnUnsavedValuesShowsEveryStepWithTheServersRepliesAndSavesNothing() throws Exception {
		mvc.perform(test("/gebruiker/smtp-instellingen/testen", "127.0.0.1", smtpPort(), "NONE", SMTP_PASSWORD))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(
					containsString("De verbinding werkt: de server accepteert de aanmelding en " + account.getEmail()
							+ " als afzender. Er is niets verstuurd."),
					containsString(">Verbinden</th>"), containsString(">Aanmelden</th>"),
					containsString(">Afzender (MAIL FROM)</th>"), containsString(">Ontvanger (RCPT TO)</th>"),
					containsString(">Afsluiten (RSET/QUIT)</th>"), containsString(">Gelukt</span>"),
					containsString(">Niet uitgevoerd</span>"), containsString("<pre class=\"smtp-reply\">220 "),
					containsString("<pre class=\"smtp-reply\">235 "), containsString("value=\"127.0.0.1\""),
					containsString(">Opslaan<"), not(containsString(SMTP_PASSWORD)))));

		assertThat(settings.findByAccountId(account.getId())).as("nothing saved").isEmpty();
		assertThat(greenMail.getReceivedMessages()).as("nothing sent").isEmpty();
	}

	/**
	 * Issue 16: an employer address with a quoted local part, as the admin form once accepted (stored directly here,
	 * as a legacy row: the form now refuses it), made every Test verbinding of that employer answer 500.
	 */
	@Test
	void aLegacyLevelAddressThatBreaksTheAddressRuleIsExplainedInDutchAndNoServerIsContacted() throws Exception {
		employer.setEmail("\"a b\"@korenbloem.nl");
		employers.save(employer);
		String path = "/werkgever/" + employer.getCode() + "/smtp-instellingen";
		for (String action : new String[] { "/testen", "/testmail" }) {
			mvc.perform(test(path + action, "127.0.0.1", smtpPort(), "NONE", SMTP_PASSWORD)
				.param("testRecipient", "boekhouding@example.nl"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(
						containsString("Het e-mailadres van deze werkgever (&quot;a b&quot;@korenbloem.nl) is geen "
								+ "geldig afzenderadres"),
						not(containsString("<pre class=\"smtp-reply\">220 ")))));
		}
		assertThat(greenMail.getReceivedMessages()).as("nothing sent").isEmpty();
		assertThat(settings.findByEmployerId(employer.getId())).as("nothing saved").isEmpty();
	}

	@Test
	void wrongPasswordIsExplainedInDutch() throws Exception {
		mvc.perform(test(werkgever("/testen"), "127.0.0.1", smtpPort(), "NONE", "verkeerd-wachtwoord"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("De test is mislukt bij de stap Aanmelden."),
					containsString("De server weigert de gebruikersnaam of het wachtwoord (535 5.7.8). Controleer "
							+ "SMTP Gebruikersnaam"),
					containsString("<pre class=\"smtp-reply\">535 "), containsString(">Mislukt</span>"),
					not(containsString("verkeerd-wachtwoord")))));
	}

	@Test
	void theStoredPasswordIsUsedOnlyForTheSameServerPortAndUsername() throws Exception {
		mvc.perform(save(smtpPort(), SMTP_PASSWORD)).andExpect(status().isFound());

		mvc.perform(test("/gebruiker/smtp-instellingen/testen", "127.0.0.1", smtpPort(), "NONE", ""))
			.andExpect(content().string(containsString("De verbinding werkt")));

		String otherPort = String.valueOf(closedPort());
		mvc.perform(test("/gebruiker/smtp-instellingen/testen", "127.0.0.1", otherPort, "NONE", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Vul het wachtwoord opnieuw in: het serveradres, de "
					+ "poort of de gebruikersnaam is gewijzigd."), not(containsString("smtp-probe-summary")))));
		mvc.perform(test("/gebruiker/smtp-instellingen/testen", "localhost", smtpPort(), "NONE", ""))
			.andExpect(content().string(allOf(containsString("Vul het wachtwoord opnieuw in"),
					not(containsString("smtp-probe-summary")))));
	}

	@Test
	void testMailArrivesFromTheLevelsAddress() throws Exception {
		mvc.perform(test(werkgever("/testmail"), "127.0.0.1", smtpPort(), "NONE", SMTP_PASSWORD)
			.param("testRecipient", "boekhouding@example.nl"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(
					containsString("De testmail is verstuurd naar boekhouding@example.nl, vanaf " + employer.getEmail()),
					containsString(">Bericht versturen (DATA)</th>"), containsString("value=\"boekhouding@example.nl\""))));

		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		MimeMessage received = greenMail.getReceivedMessages()[0];
		assertThat(received.getSubject()).isEqualTo("Testmail van SalarOnline");
		assertThat(received.getFrom()).extracting(String::valueOf).containsExactly(employer.getEmail());
		assertThat(received.getAllRecipients()).extracting(String::valueOf).containsExactly("boekhouding@example.nl");
		assertThat((String) received.getContent()).contains("De SMTP Instellingen van " + employer.getName() + " werken");
	}

	@Test
	void testMailNeedsARecipientAndSendsNothingWithoutOne() throws Exception {
		mvc.perform(test(werkgever("/testmail"), "127.0.0.1", smtpPort(), "NONE", SMTP_PASSWORD))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Vul het e-mailadres in waar de testmail heen moet."),
					not(containsString("smtp-probe-summary")))));
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void untrustedCertificateIsShownThenTrustedStoredWithOpslaanAndUsedByTheSender() throws Exception {
		String page = mvc.perform(test("/gebruiker/smtp-instellingen/testen", "localhost", smtpsPort(), "SSL_TLS",
				SMTP_PASSWORD))
			.andExpect(content().string(allOf(containsString("De test is mislukt bij de stap Beveiligen (TLS)."),
					containsString("niet ondertekend door een erkende uitgever"), containsString(">Onderwerp</dt>"),
					containsString(">Vingerafdruk (SHA-256)</dt>"), containsString(">Vertrouw dit certificaat</button>"))))
			.andReturn().getResponse().getContentAsString();
		String sha256 = attribute(attribute(page, "(<button[^>]*id=\"smtp-trust\"[^>]*>)"), "value=\"([0-9a-f]{64})\"");
		String subject = attribute(attribute(page, "(<input[^>]*name=\"trustSubject\"[^>]*>)"), "value=\"([^\"]+)\"");

		mvc.perform(test("/gebruiker/smtp-instellingen/certificaat", "localhost", smtpsPort(), "SSL_TLS", "")
			.param("trustSha256", sha256).param("trustSubject", subject))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(">Vertrouwd certificaat</p>"),
					containsString("Dit wordt bewaard zodra u op Opslaan klikt."),
					containsString("name=\"pinnedCertificateSha256\" value=\"" + sha256 + "\""))));
		assertThat(settings.findByAccountId(account.getId())).as("stored only with Opslaan").isEmpty();

		mvc.perform(test("/gebruiker/smtp-instellingen/testen", "localhost", smtpsPort(), "SSL_TLS", SMTP_PASSWORD)
			.param("pinnedCertificateSha256", sha256).param("pinnedCertificateSubject", subject))
			.andExpect(content().string(containsString("De verbinding werkt")));

		mvc.perform(save("localhost", smtpsPort(), "SSL_TLS", SMTP_PASSWORD).param("pinnedCertificateSha256", sha256)
			.param("pinnedCertificateSubject", subject)).andExpect(status().isFound());
		assertThat(settings.findByAccountId(account.getId()).orElseThrow().getPinnedCertificateSha256())
			.isEqualTo(sha256);
		mvc.perform(get("/gebruiker/smtp-instellingen").session(session))
			.andExpect(content().string(allOf(containsString(">Vertrouwd certificaat</p>"),
					containsString(sha256.substring(0, 2).toUpperCase() + ":"), not(containsString("Niet meer vertrouwen")))));

		SmtpServer stored = lookup.forAccount(account.getId()).orElseThrow().server();
		assertThat(stored.pinnedCertificateSha256()).isEqualTo(sha256);
		MimeMessage mail = new MimeMessage(connections.session(stored));
		mail.setFrom(new InternetAddress(account.getEmail()));
		mail.setRecipient(Message.RecipientType.TO, new InternetAddress("werkgever@example.nl"));
		mail.setSubject("Via het vertrouwde certificaat");
		mail.setText("Loonstrook");
		try (Transport transport = connections.connect(stored)) {
			transport.sendMessage(mail, mail.getAllRecipients());
		}
		assertThat(greenMail.getReceivedMessagesForDomain("example.nl")).extracting(MimeMessage::getSubject)
			.containsExactly("Via het vertrouwde certificaat");
	}

	@Test
	void aTrustedCertificateCanBeRemovedWithOpslaan() throws Exception {
		String sha256 = presentedCertificate();
		mvc.perform(save("localhost", smtpsPort(), "SSL_TLS", SMTP_PASSWORD).param("pinnedCertificateSha256", sha256)
			.param("pinnedCertificateSubject", "CN=mail.kantoor.test")).andExpect(status().isFound());

		mvc.perform(test("/gebruiker/smtp-instellingen/certificaat/verwijderen", "localhost", smtpsPort(), "SSL_TLS",
				"").param("pinnedCertificateSha256", sha256).param("pinnedCertificateSubject", "CN=mail.kantoor.test"))
			.andExpect(content().string(allOf(
					containsString("Het vertrouwde certificaat wordt verwijderd zodra u op Opslaan klikt."),
					not(containsString(">Vertrouwd certificaat</p>")))));
		// another trust decision for the stored password: it is typed again
		mvc.perform(save("localhost", smtpsPort(), "SSL_TLS", ""))
			.andExpect(content().string(containsString(
					"Vul het wachtwoord opnieuw in: het vertrouwde certificaat is gewijzigd.")));
		mvc.perform(save("localhost", smtpsPort(), "SSL_TLS", SMTP_PASSWORD)).andExpect(status().isFound());

		assertThat(settings.findByAccountId(account.getId()).orElseThrow().getPinnedCertificateSha256()).isNull();
	}

	@Test
	void aTamperedFingerprintIsRefused() throws Exception {
		mvc.perform(test("/gebruiker/smtp-instellingen/testen", "127.0.0.1", smtpPort(), "NONE", SMTP_PASSWORD)
			.param("pinnedCertificateSha256", "not-a-fingerprint").param("pinnedCertificateSubject", "CN=x"))
			.andExpect(content().string(allOf(containsString("Dit certificaat kan niet worden vertrouwd."),
					not(containsString("smtp-probe-summary")))));
	}

	@Test
	void atMostTenTestsAMinutePerUser() throws Exception {
		String closed = String.valueOf(closedPort());
		for (int i = 1; i <= 10; i++) {
			mvc.perform(test(werkgever("/testen"), "127.0.0.1", closed, "NONE", SMTP_PASSWORD))
				.andExpect(content().string(containsString("De server weigert de verbinding op deze poort.")));
		}

		mvc.perform(test(werkgever("/testen"), "127.0.0.1", closed, "NONE", SMTP_PASSWORD))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("U hebt de afgelopen minuut al 10 keer getest. Wacht "
					+ "een minuut en probeer het dan opnieuw."), not(containsString("smtp-probe-summary")))));
	}

	@Test
	void anotherAccountsEmployerCannotBeTested() throws Exception {
		TestLevels levels = new TestLevels(accounts, employers, users);
		Employer foreign = levels.employer(levels.account());

		for (String action : new String[] { "/testen", "/testmail", "/certificaat", "/certificaat/verwijderen" }) {
			mvc.perform(test("/werkgever/" + foreign.getCode() + "/smtp-instellingen" + action, "127.0.0.1",
					smtpPort(), "NONE", SMTP_PASSWORD).param("testRecipient", "x@example.nl"))
				.andExpect(status().isNotFound());
		}
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void testingWithoutTheCsrfTokenIsRefused() throws Exception {
		mvc.perform(post("/gebruiker/smtp-instellingen/testen").session(session).param("host", "127.0.0.1"))
			.andExpect(status().isForbidden());
	}

	private MockHttpServletRequestBuilder test(String path, String host, String port, String security,
			String password) {
		return post(path).session(session).with(csrf()).param("enabled", "true").param("_enabled", "on")
			.param("host", host).param("port", port).param("username", MAILBOX).param("security", security)
			.param("plainTextSignIn", String.valueOf("NONE".equals(security)))
			.param("password", password).param("version", version());
	}

	private MockHttpServletRequestBuilder save(String port, String password) {
		return save("127.0.0.1", port, "NONE", password);
	}

	private MockHttpServletRequestBuilder save(String host, String port, String security, String password) {
		return test("/gebruiker/smtp-instellingen/bewerken", host, port, security, password);
	}

	private String version() {
		return settings.findByAccountId(account.getId()).map(s -> String.valueOf(s.getVersion())).orElse("");
	}

	private String werkgever(String suffix) {
		return "/werkgever/" + employer.getCode() + "/smtp-instellingen" + suffix;
	}

	private static String smtpPort() {
		return String.valueOf(greenMail.getSmtp().getPort());
	}

	private static String smtpsPort() {
		return String.valueOf(greenMail.getSmtps().getPort());
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** Test verbinding against the SMTPS server, which presents a certificate no CA vouches for: its fingerprint. */
	private String presentedCertificate() throws Exception {
		String page = mvc.perform(test("/gebruiker/smtp-instellingen/testen", "localhost", smtpsPort(), "SSL_TLS",
				SMTP_PASSWORD))
			.andExpect(content().string(containsString(">Vertrouw dit certificaat</button>")))
			.andReturn().getResponse().getContentAsString();
		return attribute(attribute(page, "(<button[^>]*id=\"smtp-trust\"[^>]*>)"), "value=\"([0-9a-f]{64})\"");
	}

	private static String attribute(String html, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(html);
		assertThat(matcher.find()).as(regex).isTrue();
		return matcher.group(1).replace("&#61;", "=").replace("&amp;", "&");
	}

}
