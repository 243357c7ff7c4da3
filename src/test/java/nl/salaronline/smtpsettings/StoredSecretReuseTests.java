package nl.salaronline.smtpsettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import nl.salaronline.smtp.ScriptedSmtpServer;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.testsupport.ServiceAccountKeys;

/**
 * Issue 16, point 2: a stored secret never goes over a weaker connection or to a certificate the user did not see a
 * server present. Each test runs the attack through the real screens (MockMvc, real login and CSRF) against real
 * SMTP servers on loopback, and checks that the stored password never reached a server.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StoredSecretReuseTests {

	static final String MAILBOX = "smtp@kantoor-test.nl";

	static final String SMTP_PASSWORD = "Najaar-2026-geheim";

	static final String WEAKER = "de beveiliging is zwakker dan de bewaarde";

	static final String NOT_PRESENTED = "Dit certificaat kan niet worden vertrouwd: deze server heeft het niet getoond";

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(
			ServerSetup.dynamicPort(new ServerSetup[] { ServerSetupTest.SMTPS }))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, MAILBOX, SMTP_PASSWORD));

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

	private String accountant;

	private MockHttpSession session;

	@BeforeEach
	void signIn() throws Exception {
		TestLevels levels = new TestLevels(accounts, employers, users);
		account = levels.account();
		employer = levels.employer(account);
		accountant = levels.accountant(account);
		session = TestLevels.signIn(mvc, accountant, TestLevels.PASSWORD);
	}

	/**
	 * (a) Stored with STARTTLS; "Geen" with an empty password would send the stored password in clear text. The
	 * server offers AUTH without TLS, as a man in the middle would: it must never see a command.
	 */
	@Test
	void aWeakerSecurityWithAnEmptyPasswordIsRefusedOnBothLevelsForEveryAction() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(command -> command.startsWith("EHLO")
				? "250-scripted.test\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN" : null)) {
			String port = String.valueOf(server.port());
			for (String level : List.of("/gebruiker/smtp-instellingen", werkgever())) {
				mvc.perform(form(level + "/bewerken", "127.0.0.1", port, "SSL_TLS", SMTP_PASSWORD))
					.andExpect(status().isFound());
				for (String[] weaker : new String[][] { { "NONE", "true" }, { "STARTTLS", "false" } }) {
					for (String action : List.of("/testen", "/testmail", "/bewerken")) {
						mvc.perform(form(level + action, "127.0.0.1", port, weaker[0], "")
							.param("plainTextSignIn", weaker[1]))
							.andExpect(status().isOk())
							.andExpect(content().string(allOf(containsString("Vul het wachtwoord opnieuw in: " + WEAKER),
									not(containsString("smtp-probe-summary")))));
					}
				}
			}
			assertThat(server.commands).as("no conversation at all").isEmpty();
		}
		assertThat(settings.findByAccountId(account.getId()).orElseThrow().getSecurity())
			.isEqualTo(SmtpSecurity.SSL_TLS);
		assertThat(settings.findByEmployerId(employer.getId()).orElseThrow().getSecurity())
			.isEqualTo(SmtpSecurity.SSL_TLS);
	}

	@Test
	void aStrongerSecurityKeepsTheStoredPassword() throws Exception {
		String level = "/gebruiker/smtp-instellingen";
		mvc.perform(form(level + "/bewerken", "localhost", "2525", "NONE", SMTP_PASSWORD)
			.param("plainTextSignIn", "true")).andExpect(status().isFound());
		mvc.perform(form(level + "/bewerken", "localhost", "2525", "STARTTLS", "")).andExpect(status().isFound());
		SmtpSettings stored = settings.findByAccountId(account.getId()).orElseThrow();
		assertThat(stored.getSecurity()).isEqualTo(SmtpSecurity.STARTTLS);
		assertThat(stored.password()).isEqualTo(SMTP_PASSWORD);
		assertThat(stored.isPlainTextSignInConfirmed()).as("forgotten with TLS").isFalse();
	}

	/**
	 * (b) Stored without a trusted certificate; a fingerprint in the form would send the stored password to the
	 * server presenting that certificate (here GreenMail's self-signed one, which no CA vouches for). A fingerprint
	 * seen in another session of the same user is no proof either.
	 */
	@Test
	void aFingerprintFromTheFormIsNoProofAndAnotherCertificateNeedsThePasswordAgain() throws Exception {
		String level = "/gebruiker/smtp-instellingen";
		String smtps = String.valueOf(greenMail.getSmtps().getPort());
		mvc.perform(form(level + "/bewerken", "localhost", smtps, "SSL_TLS", SMTP_PASSWORD))
			.andExpect(status().isFound());
		MockHttpSession otherSession = TestLevels.signIn(mvc, accountant, TestLevels.PASSWORD);
		String sha256 = presentedFingerprint(otherSession, level, smtps);

		for (String action : List.of("/testen", "/testmail", "/bewerken")) {
			mvc.perform(form(level + action, "localhost", smtps, "SSL_TLS", "").param("pinnedCertificateSha256", sha256)
				.param("pinnedCertificateSubject", "CN=localhost"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString(NOT_PRESENTED),
						not(containsString("smtp-probe-summary")),
						not(containsString("name=\"pinnedCertificateSha256\" value=\"" + sha256 + "\"")))));
		}
		mvc.perform(form(level + "/certificaat", "localhost", smtps, "SSL_TLS", "").param("trustSha256", sha256)
			.param("trustSubject", "CN=localhost"))
			.andExpect(content().string(allOf(containsString(NOT_PRESENTED), not(containsString(sha256)))));
		assertThat(greenMail.getReceivedMessages()).as("no test mail").isEmpty();
		assertThat(settings.findByAccountId(account.getId()).orElseThrow().getPinnedCertificateSha256()).isNull();

		// presented in this session now, but it is another certificate than the stored (none): type the password
		assertThat(presentedFingerprint(session, level, smtps)).isEqualTo(sha256);
		mvc.perform(form(level + "/testen", "localhost", smtps, "SSL_TLS", "").param("pinnedCertificateSha256", sha256)
			.param("pinnedCertificateSubject", "CN=localhost"))
			.andExpect(content().string(allOf(
					containsString("Vul het wachtwoord opnieuw in: het vertrouwde certificaat is gewijzigd."),
					not(containsString("smtp-probe-summary")))));
		mvc.perform(form(level + "/bewerken", "localhost", smtps, "SSL_TLS", SMTP_PASSWORD)
			.param("pinnedCertificateSha256", sha256).param("pinnedCertificateSubject", "CN=localhost"))
			.andExpect(status().isFound());
		assertThat(settings.findByAccountId(account.getId()).orElseThrow().getPinnedCertificateSha256())
			.isEqualTo(sha256);
		// stored and unchanged: the stored password goes to it
		mvc.perform(form(level + "/testen", "localhost", smtps, "SSL_TLS", "").param("pinnedCertificateSha256", sha256)
			.param("pinnedCertificateSubject", "CN=localhost"))
			.andExpect(content().string(containsString("De verbinding werkt")));
	}

	@Test
	void oauth2SecretsFollowTheSameRule() throws Exception {
		String level = werkgever();
		mvc.perform(form(level + "/bewerken", "localhost", "587", "STARTTLS", "").param("authMethod", "MICROSOFT_OAUTH2")
			.param("tenantId", "kantoor.onmicrosoft.com")
			.param("clientId", "0f0e0d0c-0b0a-0908-0706-050403020100")
			.param("clientSecret", "client-geheim")).andExpect(status().isFound());
		for (String action : List.of("/testen", "/bewerken")) {
			mvc.perform(form(level + action, "localhost", "587", "NONE", "").param("plainTextSignIn", "true")
				.param("authMethod", "MICROSOFT_OAUTH2")
				.param("tenantId", "kantoor.onmicrosoft.com")
				.param("clientId", "0f0e0d0c-0b0a-0908-0706-050403020100"))
				.andExpect(content().string(allOf(containsString("Vul het clientgeheim opnieuw in: " + WEAKER),
						not(containsString("smtp-probe-summary")))));
			mvc.perform(form(level + action, "localhost", "587", "STARTTLS", "")
				.param("pinnedCertificateSha256", "ab".repeat(32)).param("pinnedCertificateSubject", "CN=x")
				.param("authMethod", "MICROSOFT_OAUTH2")
				.param("tenantId", "kantoor.onmicrosoft.com")
				.param("clientId", "0f0e0d0c-0b0a-0908-0706-050403020100"))
				.andExpect(content().string(allOf(containsString(NOT_PRESENTED),
						not(containsString("smtp-probe-summary")))));
		}

		String key = ServiceAccountKeys.json("smtp@project.iam.gserviceaccount.com", ServiceAccountKeys.rsaKeyPair(),
				"https://oauth2.googleapis.com/token");
		mvc.perform(form(level + "/bewerken", "localhost", "465", "SSL_TLS", "").param("authMethod", "GOOGLE_OAUTH2")
			.param("serviceAccountKey", key)).andExpect(status().isFound());
		mvc.perform(form(level + "/testen", "localhost", "465", "STARTTLS", "").param("authMethod", "GOOGLE_OAUTH2"))
			.andExpect(content().string(allOf(containsString("Plak de serviceaccountsleutel opnieuw: " + WEAKER),
					not(containsString("smtp-probe-summary")))));
		assertThat(settings.findByEmployerId(employer.getId()).orElseThrow().getSecurity())
			.isEqualTo(SmtpSecurity.SSL_TLS);
	}

	/** Test verbinding with a typed password: the certificate GreenMail presented, as "Vertrouw dit certificaat" offers it. */
	private String presentedFingerprint(MockHttpSession in, String level, String smtps) throws Exception {
		String page = mvc.perform(form(in, level + "/testen", "localhost", smtps, "SSL_TLS", SMTP_PASSWORD))
			.andExpect(content().string(containsString(">Vertrouw dit certificaat</button>")))
			.andReturn().getResponse().getContentAsString();
		Matcher button = Pattern.compile("<button[^>]*id=\"smtp-trust\"[^>]*value=\"([0-9a-f]{64})\"").matcher(page);
		assertThat(button.find()).isTrue();
		return button.group(1);
	}

	private MockHttpServletRequestBuilder form(String path, String host, String port, String security,
			String password) {
		return form(session, path, host, port, security, password);
	}

	/** The edit form as a browser posts it, from the settings as stored now, with a test mail recipient. */
	private MockHttpServletRequestBuilder form(MockHttpSession in, String path, String host, String port,
			String security, String password) {
		boolean employerLevel = path.startsWith("/werkgever");
		String version = (employerLevel ? settings.findByEmployerId(employer.getId())
				: settings.findByAccountId(account.getId())).map(s -> String.valueOf(s.getVersion())).orElse("");
		return post(path).session(in).with(csrf()).param("enabled", "true").param("_enabled", "on")
			.param("host", host).param("port", port).param("username", MAILBOX).param("security", security)
			.param("password", password).param("version", version).param("testRecipient", "boekhouding@example.nl");
	}

	private String werkgever() {
		return "/werkgever/" + employer.getCode() + "/smtp-instellingen";
	}

}
