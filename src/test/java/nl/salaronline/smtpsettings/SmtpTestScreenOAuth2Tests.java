package nl.salaronline.smtpsettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import loopback.oauth2.LoopbackAuthorizationServer;
import loopback.oauth2.LoopbackAuthorizationServer.MicrosoftApp;
import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Users;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.mail.MailTest;
import nl.salaronline.mail.OAuth2Servers;
import nl.salaronline.testsupport.LoopbackOAuth2;

/**
 * "Test verbinding" on the SMTP Instellingen form with "Aanmelden met" OAuth2 (SPEC sections 6 and 9), without
 * JavaScript: the token step before AUTH with the provider's code and a Dutch explanation, and the stored client
 * secret used only under the reuse rule of section 4. Runs in the mail tests' context, whose token endpoints point at
 * the authorization server on loopback ({@link OAuth2Servers}); the XOAUTH2 SMTP server checks each token with it.
 */
@MailTest
class SmtpTestScreenOAuth2Tests {

	private static final String SCREEN = "/gebruiker/smtp-instellingen";

	private final LoopbackOAuth2 loopback = OAuth2Servers.get();

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

	private MockHttpSession session;

	private MicrosoftApp app;

	private String mailbox;

	@BeforeEach
	void signIn() throws Exception {
		TestLevels levels = new TestLevels(accounts, employers, users);
		account = levels.account();
		session = TestLevels.signIn(mvc, levels.accountant(account), TestLevels.PASSWORD);
		app = loopback.auth.registerMicrosoftApp("kantoor-" + TestLevels.unique() + ".onmicrosoft.com",
				Duration.ofHours(1));
		mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
	}

	@Test
	void testVerbindingWithMicrosoft365FetchesTheTokenBeforeSigningInAndSavesNothing() throws Exception {
		mvc.perform(microsoft("/testen", mailbox, app.clientId(), app.clientSecret()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(
					containsString("De verbinding werkt: de server accepteert de aanmelding en " + account.getEmail()),
					containsString(">Token ophalen (OAuth2)</th>"), containsString(">Aanmelden</th>"),
					containsString(">XOAUTH2</span>"),
					containsString("Het clientgeheim dat u typte, is niet teruggestuurd naar deze pagina."),
					not(containsString(app.clientSecret())))));

		assertThat(settings.findByAccountId(account.getId())).as("nothing saved").isEmpty();
		assertThat(loopback.smtp.signIns()).filteredOn(signIn -> signIn.mailbox().equals(mailbox))
			.singleElement()
			.satisfies(signIn -> assertThat(signIn.accepted()).isTrue());
	}

	@Test
	void aWrongClientSecretFailsAtTheTokenStepWithTheProvidersCodeAndADutchExplanation() throws Exception {
		String wrong = "verkeerd-" + UUID.randomUUID();

		mvc.perform(microsoft("/testen", mailbox, app.clientId(), wrong))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("De test is mislukt bij de stap Token ophalen (OAuth2)."),
					containsString("<pre class=\"smtp-reply\">AADSTS7000215</pre>"),
					containsString("Het clientgeheim klopt niet."), not(containsString(wrong)))));

		assertThat(loopback.smtp.signIns()).noneMatch(signIn -> signIn.mailbox().equals(mailbox));
	}

	@Test
	void aTokenEndpointAnswering404IsExplainedAtTheTokenStepAndTheNextTestIsGreenAgain() throws Exception {
		loopback.auth.failMicrosoftTokenRequests(app.tenantId(), 1, 404, "text/html", "<h2>Not Found</h2>");

		mvc.perform(microsoft("/testen", mailbox, app.clientId(), app.clientSecret()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("De test is mislukt bij de stap Token ophalen (OAuth2)."),
					containsString("Het token-adres van Microsoft antwoordde 404 in plaats van een token."),
					containsString("<pre class=\"smtp-reply\">HTTP 404 Not Found (text/html)</pre>"),
					not(containsString(app.clientSecret())))));
		assertThat(loopback.smtp.signIns()).noneMatch(signIn -> signIn.mailbox().equals(mailbox));

		mvc.perform(microsoft("/testen", mailbox, app.clientId(), app.clientSecret()))
			.andExpect(content().string(allOf(containsString("De verbinding werkt"),
					containsString(">Token ophalen (OAuth2)</th>"))));
	}

	@Test
	void aMailboxTheAppMayNotUseIsExplainedAtTheSignInStep() throws Exception {
		String otherMailbox = LoopbackOAuth2.uniqueMailbox();

		mvc.perform(microsoft("/testen", otherMailbox, app.clientId(), app.clientSecret()))
			.andExpect(content().string(allOf(containsString("De test is mislukt bij de stap Aanmelden."),
					containsString("<pre class=\"smtp-reply\">535 5.7.3"),
					containsString("De mailserver weigert het token van de app."))));
	}

	@Test
	void theStoredClientSecretIsUsedOnlyForTheSameServerMailboxAndApp() throws Exception {
		mvc.perform(microsoft("/bewerken", mailbox, app.clientId(), app.clientSecret()))
			.andExpect(status().isFound());
		int requestsAfterSaving = loopback.auth.tokenRequests(app.clientId());

		mvc.perform(microsoft("/testen", mailbox, app.clientId(), ""))
			.andExpect(content().string(allOf(containsString("De verbinding werkt"),
					not(containsString("smtp-probe-retype")))));
		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(requestsAfterSaving + 1);

		String retype = "Vul het clientgeheim opnieuw in";
		String otherClient = UUID.randomUUID().toString();
		mvc.perform(microsoft("/testen", mailbox, otherClient, ""))
			.andExpect(content().string(allOf(containsString(retype), not(containsString("smtp-probe-summary")))));
		mvc.perform(microsoft("/testen", LoopbackOAuth2.uniqueMailbox(), app.clientId(), ""))
			.andExpect(content().string(allOf(containsString(retype), not(containsString("smtp-probe-summary")))));
		assertThat(loopback.auth.tokenRequests(otherClient)).as("the stored secret went nowhere").isZero();
		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(requestsAfterSaving + 1);
	}

	@Test
	void testVerbindingWithGoogleWorkspaceSignsInAsTheImpersonatedMailbox() throws Exception {
		String clientEmail = "loonmail-" + TestLevels.unique() + "@salaronline-test.iam.gserviceaccount.com";
		KeyPair keyPair = LoopbackOAuth2.rsaKeyPair();
		loopback.auth.registerServiceAccount(clientEmail, (RSAPublicKey) keyPair.getPublic(), Duration.ofHours(1),
				LoopbackAuthorizationServer.GOOGLE_SCOPE);
		String googleMailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.auth.addGoogleMailbox(googleMailbox);
		String key = LoopbackOAuth2.serviceAccountKeyJson(clientEmail, keyPair, loopback.auth.googleTokenUri());

		mvc.perform(form("/testen", googleMailbox, "GOOGLE_OAUTH2").param("serviceAccountKey", key))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("De verbinding werkt"),
					containsString(">Token ophalen (OAuth2)</th>"),
					containsString("De serviceaccountsleutel die u plakte, is niet teruggestuurd"),
					not(containsString("PRIVATE KEY")), not(containsString(clientEmail)))));
		assertThat(loopback.auth.tokenRequests(clientEmail)).isEqualTo(1);
	}

	private MockHttpServletRequestBuilder microsoft(String action, String mailbox, String clientId, String secret) {
		return form(action, mailbox, "MICROSOFT_OAUTH2").param("tenantId", app.tenantId())
			.param("clientId", clientId)
			.param("clientSecret", secret);
	}

	/** The edit form as a browser posts it to one of its buttons, for the loopback XOAUTH2 server. */
	private MockHttpServletRequestBuilder form(String action, String mailbox, String authMethod) {
		return post(SCREEN + action).session(session)
			.with(csrf())
			.param("enabled", "true")
			.param("_enabled", "on")
			.param("host", "127.0.0.1")
			.param("port", String.valueOf(loopback.smtp.port()))
			.param("username", mailbox)
			.param("security", "NONE").param("plainTextSignIn", "true")
			.param("authMethod", authMethod)
			.param("version",
					settings.findByAccountId(account.getId()).map(s -> String.valueOf(s.getVersion())).orElse(""));
	}

}
