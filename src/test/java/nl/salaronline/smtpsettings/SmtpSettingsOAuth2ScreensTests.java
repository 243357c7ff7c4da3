package nl.salaronline.smtpsettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Users;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.testsupport.OurLogs;
import nl.salaronline.testsupport.ServiceAccountKeys;

/**
 * "Aanmelden met" on the SMTP Instellingen screen (SPEC section 9): the OAuth2 fields, their write-only encrypted
 * secrets with the reuse rule of section 4, and the provider presets, through MockMvc without JavaScript.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class SmtpSettingsOAuth2ScreensTests {

	private static final String SCREEN = "/gebruiker/smtp-instellingen";

	private static final String TENANT = "0b1f0c2e-5c1a-4d8e-9a55-2f3b4c5d6e7f";

	private static final String CLIENT = "6731de76-14a6-49ae-97bc-6eba6914391e";

	private static final String SECRET = "Zx8Q~kantoorGeheim.0123456789abcdefghij";

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

	@Autowired
	private JdbcTemplate jdbc;

	private Account account;

	private MockHttpSession session;

	@BeforeEach
	void signIn() throws Exception {
		TestLevels levels = new TestLevels(accounts, employers, users);
		account = levels.account();
		session = TestLevels.signIn(mvc, levels.accountant(account), TestLevels.PASSWORD);
	}

	@Test
	void theFormOffersAanmeldenMetWithTheFixedTexts() throws Exception {
		mvc.perform(get(SCREEN + "/bewerken").session(session))
			.andExpect(content().string(allOf(containsString(">Aanmelden met<"),
					containsString("<option value=\"PASSWORD\" selected=\"selected\">Wachtwoord</option>"),
					containsString("<option value=\"MICROSOFT_OAUTH2\">Microsoft 365 (OAuth2)</option>"),
					containsString("<option value=\"GOOGLE_OAUTH2\">Google Workspace (OAuth2)</option>"),
					containsString(">Tenant-ID<"), containsString(">Client-ID<"), containsString(">Clientgeheim<"),
					containsString(">Serviceaccountsleutel (JSON)<"), containsString("/js/smtp-sign-in.js"))));
	}

	@Test
	void microsoft365IsSavedWithoutAPasswordAndItsSecretEncryptedAndNeverShown(CapturedOutput output)
			throws Exception {
		OurLogs.atInfo(() -> mvc.perform(microsoft("localhost", "salaris@kantoor.nl", TENANT, CLIENT, SECRET))
			.andExpect(redirectedUrl(SCREEN)));

		assertThat(lookup.forAccount(account.getId())).hasValueSatisfying(own -> assertThat(own.server().credentials())
			.isEqualTo(new SmtpCredentials.MicrosoftOAuth2(TENANT, CLIENT, SECRET)));
		Map<String, Object> row = row();
		assertThat(row.get("auth_method")).isEqualTo("MICROSOFT_OAUTH2");
		assertThat((String) row.get("oauth_client_secret_encrypted")).isNotBlank().doesNotContain(SECRET);
		assertThat(row.get("password_encrypted")).isNull();
		for (String page : new String[] { SCREEN, SCREEN + "/bewerken" }) {
			mvc.perform(get(page).session(session))
				.andExpect(content().string(allOf(containsString("value=\"" + TENANT + "\""),
						containsString("value=\"" + CLIENT + "\""),
						containsString("Er is een clientgeheim opgeslagen; laat het veld leeg om het te behouden."),
						not(containsString(SECRET)))));
		}
		assertThat(output.getAll()).contains("SMTP settings of ACCOUNT " + account.getId() + " saved by")
			.doesNotContain(SECRET);
	}

	@Test
	void anEmptyClientSecretKeepsTheStoredOneOnlyForTheSameServerMailboxAndApp() throws Exception {
		mvc.perform(microsoft("localhost", "salaris@kantoor.nl", TENANT, CLIENT, SECRET)).andExpect(status().isFound());

		mvc.perform(microsoft("localhost", "salaris@kantoor.nl", TENANT, CLIENT, "")).andExpect(status().isFound());
		assertThat(lookup.forAccount(account.getId()).orElseThrow().server().credentials())
			.isEqualTo(new SmtpCredentials.MicrosoftOAuth2(TENANT, CLIENT, SECRET));

		String retype = "Vul het clientgeheim opnieuw in";
		mvc.perform(microsoft("127.0.0.1", "salaris@kantoor.nl", TENANT, CLIENT, ""))
			.andExpect(content().string(containsString(retype)));
		mvc.perform(microsoft("localhost", "directie@kantoor.nl", TENANT, CLIENT, ""))
			.andExpect(content().string(containsString(retype)));
		mvc.perform(microsoft("localhost", "salaris@kantoor.nl", "kantoor.onmicrosoft.com", CLIENT, ""))
			.andExpect(content().string(containsString(retype)));
		mvc.perform(microsoft("localhost", "salaris@kantoor.nl", TENANT, "0f8fad5b-d9cb-469f-a165-70867728950e", ""))
			.andExpect(content().string(containsString(retype)));
		assertThat(lookup.forAccount(account.getId()).orElseThrow().server().host()).isEqualTo("localhost");
	}

	@Test
	void microsoftFieldsAreRequiredAndCheckedInDutch() throws Exception {
		mvc.perform(microsoft("localhost", "salaris@kantoor.nl", "", "", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Vul de Tenant-ID in."),
					containsString("Vul de Client-ID in."), containsString("Vul het clientgeheim in."),
					not(containsString("Vul het wachtwoord in.")))));
		mvc.perform(microsoft("localhost", "salaris@kantoor.nl", "../elders", "client", SECRET))
			.andExpect(content().string(allOf(containsString("Een Tenant-ID is de Directory (tenant) ID"),
					containsString("Een Client-ID is de Application (client) ID"), not(containsString(SECRET)))));
		assertThat(settings.findByAccountId(account.getId())).isEmpty();
	}

	@Test
	void googleWorkspaceIsSavedWithTheKeyEncryptedAndNeverShown(CapturedOutput output) throws Exception {
		String key = ServiceAccountKeys.json("loonmail@kantoor-123.iam.gserviceaccount.com",
				ServiceAccountKeys.rsaKeyPair(), "https://oauth2.googleapis.com/token");
		String privateKeyPart = key.substring(key.indexOf("PRIVATE KEY-----") + 40,
				key.indexOf("PRIVATE KEY-----") + 100);

		OurLogs.atInfo(() -> mvc.perform(google("localhost", "salaris@kantoor.nl", key)).andExpect(redirectedUrl(SCREEN)));

		assertThat(lookup.forAccount(account.getId()).orElseThrow().server().credentials())
			.isEqualTo(new SmtpCredentials.GoogleOAuth2(key));
		assertThat((String) row().get("google_service_account_key_encrypted")).doesNotContain("PRIVATE KEY");
		mvc.perform(get(SCREEN + "/bewerken").session(session))
			.andExpect(content().string(allOf(containsString("Er is een serviceaccountsleutel opgeslagen"),
					not(containsString(privateKeyPart)), not(containsString("loonmail@kantoor-123")))));
		// another mailbox is another impersonation: the key must be pasted again
		mvc.perform(google("localhost", "directie@kantoor.nl", ""))
			.andExpect(content().string(containsString("Plak de serviceaccountsleutel opnieuw")));
		assertThat(output.getAll()).contains("SMTP settings of ACCOUNT " + account.getId() + " saved by")
			.doesNotContain(privateKeyPart);
	}

	@Test
	void aTextThatIsNoServiceAccountKeyIsRefusedAndNotShownAgain() throws Exception {
		String notAKey = "{\"type\":\"authorized_user\",\"refresh_token\":\"1//0geheim-verversingstoken\"}";

		mvc.perform(google("localhost", "salaris@kantoor.nl", notAKey))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Dit is geen JSON-sleutel van een serviceaccount."),
					not(containsString("geheim-verversingstoken")))));
		assertThat(settings.findByAccountId(account.getId())).isEmpty();
	}

	@Test
	void switchingBackToAPasswordForgetsTheOAuth2Secrets() throws Exception {
		mvc.perform(microsoft("localhost", "salaris@kantoor.nl", TENANT, CLIENT, SECRET)).andExpect(status().isFound());

		mvc.perform(form("localhost", "salaris@kantoor.nl", "PASSWORD").param("password", "Zomer2026!geheim"))
			.andExpect(status().isFound());

		Map<String, Object> row = row();
		assertThat(row.get("auth_method")).isEqualTo("PASSWORD");
		assertThat(row.get("oauth_client_secret_encrypted")).isNull();
		assertThat(row.get("oauth_tenant_id")).isNull();
		assertThat(lookup.forAccount(account.getId()).orElseThrow().server().credentials())
			.isEqualTo(new SmtpCredentials.Password("Zomer2026!geheim"));
	}

	@Test
	void invullenFillsTheProvidersPublishedSettingsWithoutSavingOrJavaScript() throws Exception {
		mvc.perform(form("", "salaris@kantoor.nl", "PASSWORD").param("port", "abc")
			.param("password", "Zomer2026!geheim")
			.param("provider", "KPN")
			.param("invullen", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("value=\"smtp.kpnmail.nl\""),
					containsString("value=\"587\""),
					containsString("<option value=\"STARTTLS\" data-usual-port=\"587\" selected=\"selected\">"),
					containsString("value=\"salaris@kantoor.nl\""), containsString(">Opslaan<"),
					not(containsString("Zomer2026!geheim")), not(containsString("Een poort is een getal")))));
		assertThat(settings.findByAccountId(account.getId())).isEmpty();
	}

	@Test
	void gmailAndICloudSayThatTheyNeedAnAppPassword() throws Exception {
		for (String provider : new String[] { "GMAIL", "ICLOUD" }) {
			mvc.perform(form("", "salaris@kantoor.nl", "PASSWORD").param("provider", provider).param("invullen", "1"))
				.andExpect(content().string(containsString("om een app-wachtwoord, niet uw gewone wachtwoord")));
		}
		mvc.perform(form("", "salaris@kantoor.nl", "PASSWORD").param("provider", "ZIGGO").param("invullen", "1"))
			.andExpect(content().string(allOf(containsString("value=\"smtp.ziggo.nl\""),
					not(containsString("id=\"provider-app-password\"")))));
	}

	@Test
	void everyPresetFillsAddressPortAndSecurity() throws Exception {
		for (SmtpProvider provider : SmtpProvider.values()) {
			mvc.perform(form("", "salaris@kantoor.nl", "PASSWORD").param("provider", provider.name())
				.param("invullen", "1"))
				.andExpect(content().string(allOf(containsString("value=\"" + provider.getHost() + "\""),
						containsString("value=\"" + provider.getPort() + "\""),
						containsString("<option value=\"" + provider.getSecurity() + "\" data-usual-port=\""
								+ provider.getSecurity().usualPort() + "\" selected=\"selected\">"))));
		}
	}

	private MockHttpServletRequestBuilder microsoft(String host, String mailbox, String tenant, String client,
			String secret) {
		return form(host, mailbox, "MICROSOFT_OAUTH2").param("tenantId", tenant)
			.param("clientId", client)
			.param("clientSecret", secret);
	}

	private MockHttpServletRequestBuilder google(String host, String mailbox, String key) {
		return form(host, mailbox, "GOOGLE_OAUTH2").param("serviceAccountKey", key);
	}

	/** The edit form as a browser posts it, starting from the settings as stored now; the password stays empty. */
	private MockHttpServletRequestBuilder form(String host, String mailbox, String authMethod) {
		return post(SCREEN + "/bewerken").session(session)
			.with(csrf())
			.param("enabled", "true")
			.param("_enabled", "on")
			.param("host", host)
			.param("port", "587")
			.param("username", mailbox)
			.param("security", "STARTTLS")
			.param("authMethod", authMethod)
			.param("version",
					settings.findByAccountId(account.getId()).map(s -> String.valueOf(s.getVersion())).orElse(""));
	}

	private Map<String, Object> row() {
		return jdbc.queryForMap("select * from smtp_settings where account_id = ?", account.getId());
	}

}
