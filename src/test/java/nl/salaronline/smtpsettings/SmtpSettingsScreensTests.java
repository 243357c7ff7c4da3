package nl.salaronline.smtpsettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpSecurity;
import nl.salaronline.testsupport.OurLogs;

/**
 * The SMTP Instellingen screens of both levels through MockMvc, signed in with a real form login of a fresh account.
 * Hosts are {@code localhost} or IP literals, allowed by the default {@code salaronline.mail.allow-private-hosts}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class SmtpSettingsScreensTests {

	private static final String PASSWORD = "Zomer2026!geheim";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SmtpSettingsRepository settings;

	@Autowired
	private SmtpSettingsLookup lookup;

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
		String username = levels.accountant(account);
		session = TestLevels.signIn(mvc, username, TestLevels.PASSWORD);
	}

	@Test
	void accountLevelOpensReadOnlyWithAanpassenAndSaysMailGoesThroughSalarOnline() throws Exception {
		mvc.perform(get("/gebruiker/smtp-instellingen").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<h1 class=\"h3 mb-1\">SMTP Instellingen</h1>"),
					containsString("Accountniveau: " + account.getName()), containsString(">Gebruik eigen SMTP<"),
					containsString(">SMTP Serveradres<"), containsString(">SMTP Serverpoort<"),
					containsString(">SMTP Gebruikersnaam<"), containsString(">Gebruik Beveiliging<"),
					containsString(">SMTP Wachtwoord<"), containsString("<fieldset disabled=\"disabled\">"),
					containsString(">Aanpassen</a>"), not(containsString(">Opslaan<")))))
			.andExpect(content().string(containsString("E-mails aan werkgevers worden verstuurd vanaf "
					+ "no-reply@salaronline.nl via de server van SalarOnline, met " + account.getEmail()
					+ " als antwoordadres.")))
			.andExpect(content().string(containsString("Vraag de gegevens van uw SMTP-server op bij uw "
					+ "systeembeheerder of bij uw e-mailprovider.")))
			.andExpect(content().string(containsString("toestaat dat u e-mail verstuurt namens een andere naam")));
	}

	@Test
	void aanpassenMakesTheFormEditableWithOpslaanAndAnnuleren() throws Exception {
		mvc.perform(get("/gebruiker/smtp-instellingen/bewerken").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(not(containsString("<fieldset disabled")), containsString(">Opslaan<"),
					containsString(">Annuleren</a>"), not(containsString(">Aanpassen<")),
					containsString("<option value=\"NONE\" data-usual-port=\"25\">Geen</option>"),
					containsString("<option value=\"STARTTLS\" data-usual-port=\"587\">STARTTLS</option>"),
					containsString("<option value=\"SSL_TLS\" data-usual-port=\"465\">SSL/TLS</option>"),
					containsString("autocomplete=\"new-password\""), containsString("/js/smtp-settings.js"))));
	}

	@Test
	void everyLabelNamesTheIdOfItsInput() throws Exception {
		for (String path : List.of("/gebruiker/smtp-instellingen", "/gebruiker/smtp-instellingen/bewerken",
				werkgever(""), werkgever("/bewerken"))) {
			String html = mvc.perform(get(path).session(session)).andReturn().getResponse().getContentAsString();
			List<String> targets = new ArrayList<>();
			Matcher labels = Pattern.compile("<label[^>]* for=\"([^\"]+)\"").matcher(html);
			while (labels.find()) {
				targets.add(labels.group(1));
			}
			if (path.endsWith("/bewerken")) {
				// with "Verstuur testmail" in edit mode
				assertThat(targets).as(path).containsExactly("enabled", "provider", "host", "port", "username",
						"security", "plainTextSignIn", "authMethod", "password", "tenantId", "clientId", "clientSecret",
						"serviceAccountKey", "maxPerMinute", "maxPerDay", "fallbackToDefault", "testRecipient");
			}
			else {
				assertThat(targets).as(path).containsExactly("enabled", "host", "port", "username", "security",
						"authMethod", "password", "maxPerMinute", "maxPerDay", "fallbackToDefault");
			}
			for (String id : targets) {
				assertThat(html).as(path).containsPattern("<(input|select|textarea)[^>]* id=\"" + id + "\"");
			}
		}
	}

	@Test
	void savingOwnSmtpShowsTheReadOnlyViewWithTheNewSenderAndWhoChangedIt() throws Exception {
		mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "587", "info@kantoor.nl", "STARTTLS", PASSWORD))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/gebruiker/smtp-instellingen"))
			.andExpect(flash().attribute("message", "smtp.saved"));

		String accountant = settings.findByAccountId(account.getId()).orElseThrow().getUpdatedBy();
		mvc.perform(get("/gebruiker/smtp-instellingen").session(session))
			.andExpect(content().string(allOf(
					containsString("E-mails aan werkgevers worden verstuurd vanaf " + account.getEmail()
							+ " via localhost."),
					containsString("value=\"localhost\""), containsString("value=\"587\""),
					containsString("value=\"info@kantoor.nl\""),
					containsString("<option value=\"STARTTLS\" data-usual-port=\"587\" selected=\"selected\">"),
					containsString("checked=\"checked\""), containsString("Laatst gewijzigd door " + accountant + " op "),
					containsString("Er is een wachtwoord opgeslagen; laat het veld leeg om het te behouden."),
					containsString("<fieldset disabled=\"disabled\">"), not(containsString(PASSWORD)))));

		SmtpSettings stored = settings.findByAccountId(account.getId()).orElseThrow();
		assertThat(stored.getUpdatedBy()).startsWith("acc-");
		assertThat(stored.getUpdatedAt()).isNotNull();
		assertThat(lookup.forAccount(account.getId())).hasValueSatisfying(own -> {
			assertThat(own.server().address()).isEqualTo("localhost:587");
			assertThat(own.server().security()).isEqualTo(SmtpSecurity.STARTTLS);
			assertThat(own.server().credentials()).isEqualTo(new SmtpCredentials.Password(PASSWORD));
		});
	}

	@Test
	void employerLevelSavesForThatEmployerAndSaysMailToEmployeesUsesIt() throws Exception {
		mvc.perform(save(werkgever(""), "127.0.0.1", "465", "salaris@werkgever.nl", "SSL_TLS", PASSWORD))
			.andExpect(redirectedUrl(werkgever("")));

		mvc.perform(get(werkgever("")).session(session))
			.andExpect(content().string(allOf(
					containsString("Werkgeversniveau: " + employer.getCode() + " " + employer.getName()),
					containsString("E-mails aan werknemers worden verstuurd vanaf " + employer.getEmail()
							+ " via 127.0.0.1."),
					containsString("De SMTP-instellingen zijn opgeslagen."), not(containsString(PASSWORD)))));
		assertThat(lookup.forEmployer(employer.getId())).hasValueSatisfying(
				own -> assertThat(own.server().credentials()).isEqualTo(new SmtpCredentials.Password(PASSWORD)));
		assertThat(lookup.forAccount(account.getId())).isEmpty();
	}

	@Test
	void withOwnSmtpOnEveryFieldIsRequiredAndNothingIsSaved() throws Exception {
		mvc.perform(save("/gebruiker/smtp-instellingen", "", "", "", "", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Vul het serveradres in."),
					containsString("Vul de poort in."),
					containsString("Vul de gebruikersnaam in: het e-mailadres waarmee u inlogt."),
					containsString("Kies de beveiliging: Geen, STARTTLS of SSL/TLS."),
					containsString("Vul het wachtwoord in."), containsString(">Opslaan<"))));
		assertThat(settings.findByAccountId(account.getId())).isEmpty();
	}

	@Test
	void invalidValuesGetDutchMessagesBesideTheirFieldsAndTypedValuesStayButNotThePassword() throws Exception {
		mvc.perform(save("/gebruiker/smtp-instellingen", "smtp server.nl", "70000", "geen-adres", "STARTTLS",
				PASSWORD))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(
					containsString("<div class=\"invalid-feedback\" id=\"host-error\">Vul een geldig serveradres in"),
					containsString("<div class=\"invalid-feedback\" id=\"port-error\">Een poort is een getal van 1 tot "
							+ "en met 65535.</div>"),
					containsString("<div class=\"invalid-feedback\" id=\"username-error\">Vul als gebruikersnaam een "
							+ "geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl.</div>"),
					containsString("value=\"smtp server.nl\""), containsString("value=\"70000\""),
					containsString("value=\"geen-adres\""),
					containsString("<option value=\"STARTTLS\" data-usual-port=\"587\" selected=\"selected\">"),
					not(containsString(PASSWORD)))));
		assertThat(settings.findByAccountId(account.getId())).isEmpty();
	}

	@Test
	void aPortMustBeANumberFromOneTo65535() throws Exception {
		for (String port : List.of("0", "65536", "-1", "abc", "99999999999", "5.87")) {
			mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", port, "info@kantoor.nl", "NONE", PASSWORD))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Een poort is een getal van 1 tot en met 65535.")));
		}
		for (String port : List.of("1", "65535")) {
			mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", port, "info@kantoor.nl", "NONE", PASSWORD))
				.andExpect(status().isFound());
		}
		assertThat(settings.findByAccountId(account.getId()).orElseThrow().getPort()).isEqualTo(65535);
	}

	@Test
	void aServerAddressIsAHostNameOrIpLiteralWithoutSpacesOrControlCharacters() throws Exception {
		String invalid = "Vul een geldig serveradres in: een servernaam zoals smtp.provider.nl of een IP-adres, "
				+ "zonder spaties.";
		for (String host : List.of("smtp server.nl", "smtp.nl\r\nRCPT TO:<x@y.nl>", "smtp.nl\u0000", "127.1",
				"0x7f.1", "smtp.nl:587", "smtp_mail.nl")) {
			mvc.perform(save("/gebruiker/smtp-instellingen", host, "25", "info@kantoor.nl", "NONE", PASSWORD))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString(invalid)));
		}
		mvc.perform(save("/gebruiker/smtp-instellingen", "a".repeat(251) + ".nl", "25", "info@kantoor.nl", "NONE",
				PASSWORD))
			.andExpect(content().string(containsString("Een serveradres heeft hoogstens 253 tekens.")));
		assertThat(settings.findByAccountId(account.getId())).isEmpty();
	}

	@Test
	void aServerThatCannotBeFoundIsAFieldError() throws Exception {
		mvc.perform(save("/gebruiker/smtp-instellingen", "does-not-exist.invalid", "587", "info@kantoor.nl",
				"STARTTLS", PASSWORD))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Deze server is niet te vinden. Controleer het adres."),
					containsString("value=\"does-not-exist.invalid\""))));
		assertThat(settings.findByAccountId(account.getId())).isEmpty();
	}

	@Test
	void theUsernameIsAnEmailAddressWithoutLineBreaks() throws Exception {
		mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "25", "info@kantoor.nl\r\nBcc: x@y.nl", "NONE",
				PASSWORD))
			.andExpect(content().string(
					containsString("Een gebruikersnaam mag geen regeleinden of andere stuurtekens bevatten.")));
		for (String username : List.of("info", "info@", "@kantoor.nl", "info@kantoor", "in fo@kantoor.nl",
				"info@@kantoor.nl")) {
			mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "25", username, "NONE", PASSWORD))
				.andExpect(content().string(containsString("Vul als gebruikersnaam een geldig e-mailadres in")));
		}
		assertThat(settings.findByAccountId(account.getId())).isEmpty();
	}

	@Test
	void surroundingSpacesAreRemovedFromServerAddressAndUsername() throws Exception {
		mvc.perform(save("/gebruiker/smtp-instellingen", " localhost ", "25", " info@kantoor.nl ", "NONE", PASSWORD))
			.andExpect(status().isFound());
		SmtpSettings stored = settings.findByAccountId(account.getId()).orElseThrow();
		assertThat(stored.getHost()).isEqualTo("localhost");
		assertThat(stored.getUsername()).isEqualTo("info@kantoor.nl");
	}

	@Test
	void anEmptyPasswordKeepsTheStoredOneWhileServerPortAndUsernameAreUnchangedAndSecurityNotWeaker() throws Exception {
		mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "587", "info@kantoor.nl", "NONE", PASSWORD))
			.andExpect(status().isFound());
		mvc.perform(save("/gebruiker/smtp-instellingen", "LOCALHOST", "587", "info@kantoor.nl", "STARTTLS", ""))
			.andExpect(status().isFound());
		mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "587", "info@kantoor.nl", "SSL_TLS", ""))
			.andExpect(status().isFound());
		assertThat(lookup.forAccount(account.getId())).hasValueSatisfying(own -> {
			assertThat(own.server().security()).isEqualTo(SmtpSecurity.SSL_TLS);
			assertThat(own.server().credentials()).isEqualTo(new SmtpCredentials.Password(PASSWORD));
		});
	}

	@Test
	void anEmptyPasswordWithAnotherServerPortOrUsernameAsksForThePasswordAgain() throws Exception {
		mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "587", "info@kantoor.nl", "STARTTLS", PASSWORD))
			.andExpect(status().isFound());
		long version = settings.findByAccountId(account.getId()).orElseThrow().getVersion();
		String retype = "Vul het wachtwoord opnieuw in: het serveradres, de poort of de gebruikersnaam is gewijzigd.";
		mvc.perform(save("/gebruiker/smtp-instellingen", "127.0.0.1", "587", "info@kantoor.nl", "STARTTLS", ""))
			.andExpect(content().string(allOf(containsString(retype), containsString("value=\"127.0.0.1\""))));
		mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "2525", "info@kantoor.nl", "STARTTLS", ""))
			.andExpect(content().string(containsString(retype)));
		mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "587", "ander@kantoor.nl", "STARTTLS", ""))
			.andExpect(content().string(containsString(retype)));

		SmtpSettings stored = settings.findByAccountId(account.getId()).orElseThrow();
		assertThat(stored.getVersion()).isEqualTo(version);
		assertThat(stored.getHost()).isEqualTo("localhost");

		mvc.perform(save("/gebruiker/smtp-instellingen", "127.0.0.1", "2525", "ander@kantoor.nl", "STARTTLS", "nieuw"))
			.andExpect(status().isFound());
		assertThat(lookup.forAccount(account.getId())).hasValueSatisfying(own -> {
			assertThat(own.server().address()).isEqualTo("127.0.0.1:2525");
			assertThat(own.server().credentials()).isEqualTo(new SmtpCredentials.Password("nieuw"));
		});
	}

	@Test
	void turningOwnSmtpOffKeepsTheStoredValuesForLater() throws Exception {
		mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "587", "info@kantoor.nl", "STARTTLS", PASSWORD))
			.andExpect(status().isFound());
		// off: the other fields are neither required nor changed, whatever is posted with them
		mvc.perform(post("/gebruiker/smtp-instellingen/bewerken").session(session).with(csrf())
			.param("_enabled", "on").param("host", "").param("port", "abc").param("username", "x")
			.param("version", version()))
			.andExpect(status().isFound());

		assertThat(lookup.forAccount(account.getId())).isEmpty();
		mvc.perform(get("/gebruiker/smtp-instellingen").session(session))
			.andExpect(content().string(allOf(containsString("via de server van SalarOnline"),
					containsString("value=\"localhost\""), containsString("value=\"587\""),
					not(containsString("checked=\"checked\"")))));

		// on again with the same server: the stored password is still there
		mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "587", "info@kantoor.nl", "STARTTLS", ""))
			.andExpect(status().isFound());
		assertThat(lookup.forAccount(account.getId())).hasValueSatisfying(
				own -> assertThat(own.server().credentials()).isEqualTo(new SmtpCredentials.Password(PASSWORD)));
	}

	@Test
	void theStoredPasswordNeverAppearsInAnyResponseOfTheseScreens() throws Exception {
		mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "587", "info@kantoor.nl", "STARTTLS", PASSWORD))
			.andExpect(status().isFound());
		mvc.perform(save(werkgever(""), "localhost", "587", "info@kantoor.nl", "STARTTLS", PASSWORD))
			.andExpect(status().isFound());

		List<MockHttpServletRequestBuilder> requests = List.of(get("/gebruiker/smtp-instellingen"),
				get("/gebruiker/smtp-instellingen/bewerken"), get("/werkgever/smtp-instellingen"), get(werkgever("")),
				get(werkgever("/bewerken")),
				// validation errors, with the stored password kept and with a new one typed
				save("/gebruiker/smtp-instellingen", "localhost", "0", "info@kantoor.nl", "STARTTLS", ""),
				save("/gebruiker/smtp-instellingen", "localhost", "0", "info@kantoor.nl", "STARTTLS", PASSWORD),
				save(werkgever(""), "does-not-exist.invalid", "587", "info@kantoor.nl", "STARTTLS", PASSWORD),
				save(werkgever(""), "localhost", "587", "geen-adres", "STARTTLS", PASSWORD + "x"));
		for (MockHttpServletRequestBuilder request : requests) {
			String body = mvc.perform(request.session(session)).andReturn().getResponse().getContentAsString();
			assertThat(body).isNotEmpty().doesNotContain(PASSWORD);
			assertThat(body).doesNotContainPattern("type=\"password\"[^>]*value=\"[^\"]+\"");
		}
	}

	@Test
	void thePasswordIsNeverLogged(CapturedOutput output) throws Exception {
		String password = "Log-" + TestLevels.unique();
		OurLogs.atInfo(() -> {
			mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "587", "info@kantoor.nl", "STARTTLS", password))
				.andExpect(status().isFound());
			mvc.perform(save("/gebruiker/smtp-instellingen", "does-not-exist.invalid", "587", "info@kantoor.nl",
					"STARTTLS", password))
				.andExpect(status().isOk());
		});
		assertThat(lookup.forAccount(account.getId())).isPresent();

		assertThat(output.getAll()).contains("SMTP settings of ACCOUNT " + account.getId() + " saved by acc-")
			.doesNotContain(password);
	}

	@Test
	void aChangeSavedBySomeoneElseMeanwhileIsNotOverwritten() throws Exception {
		mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "587", "info@kantoor.nl", "STARTTLS", PASSWORD))
			.andExpect(status().isFound());
		String openedAt = version();
		mvc.perform(save("/gebruiker/smtp-instellingen", "localhost", "587", "info@kantoor.nl", "SSL_TLS", ""))
			.andExpect(status().isFound());

		mvc.perform(post("/gebruiker/smtp-instellingen/bewerken").session(session).with(csrf())
			.param("enabled", "true").param("host", "localhost").param("port", "465").param("username", "info@kantoor.nl")
			.param("security", "SSL_TLS").param("password", "ander-wachtwoord").param("version", openedAt))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(
					containsString("Iemand anders heeft deze instellingen intussen gewijzigd."),
					containsString("value=\"465\""), not(containsString("ander-wachtwoord")))));
		SmtpSettings stored = settings.findByAccountId(account.getId()).orElseThrow();
		assertThat(stored.getPort()).isEqualTo(587);
		assertThat(stored.getSecurity()).isEqualTo(SmtpSecurity.SSL_TLS);
		assertThat(stored.password()).isEqualTo(PASSWORD);
	}

	@Test
	void kiesDeWerkgeverListsOnlyTheAccountsOwnEmployers() throws Exception {
		Employer other = new TestLevels(accounts, employers, users).employer(account);
		Employer stranger = employers.findByCode("2001").orElseThrow();
		mvc.perform(get("/werkgever/smtp-instellingen").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Kies de werkgever"), containsString(employer.getName()),
					containsString("href=\"/werkgever/" + employer.getCode() + "/smtp-instellingen\""),
					containsString(other.getName()), not(containsString(stranger.getName())),
					not(containsString("Bakkerij De Korenbloem")))));
	}

	@Test
	void anotherAccountsEmployerIsNotFoundByAnyAddressAndNothingChanges() throws Exception {
		Employer korenbloem = employers.findByCode("1001").orElseThrow();
		assertThat(korenbloem.getAccountId()).isNotEqualTo(account.getId());
		var before = settings.findByEmployerId(korenbloem.getId()).map(SmtpSettings::getVersion);

		mvc.perform(get("/werkgever/1001/smtp-instellingen").session(session)).andExpect(status().isNotFound());
		mvc.perform(get("/werkgever/1001/smtp-instellingen/bewerken").session(session))
			.andExpect(status().isNotFound());
		mvc.perform(save("/werkgever/1001/smtp-instellingen", "localhost", "25", "x@y.nl", "NONE", "x"))
			.andExpect(status().isNotFound());
		mvc.perform(get("/werkgever/bestaat-niet/smtp-instellingen").session(session))
			.andExpect(status().isNotFound());

		assertThat(settings.findByEmployerId(korenbloem.getId()).map(SmtpSettings::getVersion)).isEqualTo(before);
	}

	@Test
	void idsPostedAlongsideTheFormAreIgnored() throws Exception {
		Employer korenbloem = employers.findByCode("1001").orElseThrow();
		var before = settings.findByEmployerId(korenbloem.getId()).map(SmtpSettings::getVersion);
		mvc.perform(save(werkgever(""), "localhost", "25", "x@kantoor.nl", "NONE", "x")
			.param("employerId", korenbloem.getId().toString())
			.param("accountId", korenbloem.getAccountId().toString())
			.param("id", "1"))
			.andExpect(status().isFound());
		assertThat(settings.findByEmployerId(korenbloem.getId()).map(SmtpSettings::getVersion)).isEqualTo(before);
		assertThat(settings.findByEmployerId(employer.getId())).isPresent();
	}

	@Test
	void savingWithoutTheCsrfTokenIsRefused() throws Exception {
		mvc.perform(post("/gebruiker/smtp-instellingen/bewerken").session(session).param("enabled", "true"))
			.andExpect(status().isForbidden());
		assertThat(settings.findByAccountId(account.getId())).isEmpty();
	}

	private String werkgever(String suffix) {
		return "/werkgever/" + employer.getCode() + "/smtp-instellingen" + suffix;
	}

	/** Posts the edit form of a screen as a browser would, starting from the settings as stored now. */
	private MockHttpServletRequestBuilder save(String screen, String host, String port, String username,
			String security, String password) {
		MockHttpServletRequestBuilder request = post(screen + "/bewerken").session(session).with(csrf())
			.param("enabled", "true").param("_enabled", "on")
			.param("host", host).param("port", port).param("username", username).param("security", security)
			.param("plainTextSignIn", String.valueOf("NONE".equals(security)))
			.param("password", password);
		String version = screen.startsWith("/gebruiker") ? version()
				: settings.findByEmployerId(employer.getId()).map(s -> String.valueOf(s.getVersion())).orElse("");
		return request.param("version", version);
	}

	private String version() {
		return settings.findByAccountId(account.getId()).map(s -> String.valueOf(s.getVersion())).orElse("");
	}

}
