package nl.salaronline.smtp.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.UUID;

import jakarta.mail.AuthenticationFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import loopback.oauth2.LoopbackAuthorizationServer;
import nl.salaronline.smtp.SmtpAccessTokenException;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpOAuth2Problem;
import nl.salaronline.smtp.SmtpServer;
import nl.salaronline.testsupport.LoopbackOAuth2;

/**
 * Google Workspace: a service account's JSON key (made in the test), the JWT-bearer grant against a real
 * authorization server on loopback that verifies the RS256 assertion, and {@code AUTH XOAUTH2} as the mailbox.
 */
class GoogleAccessTokensTests {

	private static LoopbackOAuth2 loopback;

	private static OAuth2AccessTokens tokens;

	@BeforeAll
	static void start() {
		loopback = new LoopbackOAuth2();
		tokens = new OAuth2AccessTokens(loopback.properties(Duration.ofSeconds(5)));
	}

	@AfterAll
	static void stop() {
		loopback.close();
	}

	@Test
	void mailGoesOutAsTheImpersonatedMailbox() throws Exception {
		ServiceAccount account = serviceAccount(Duration.ofHours(1), LoopbackAuthorizationServer.GOOGLE_SCOPE);
		String mailbox = googleMailbox();
		SmtpServer server = loopback.server(mailbox, account.credentials());

		loopback.send(mailbox, tokens.accessToken(server), "Jaaropgave");
		loopback.send(mailbox, tokens.accessToken(server), "Loonstrook");

		assertThat(loopback.auth.tokenRequests(account.clientEmail())).isEqualTo(1);
		assertThat(loopback.smtp.received()).filteredOn(mail -> mail.signedInAs().equals(mailbox)).hasSize(2);
	}

	@Test
	void eachMailboxGetsItsOwnToken() throws Exception {
		ServiceAccount account = serviceAccount(Duration.ofHours(1), LoopbackAuthorizationServer.GOOGLE_SCOPE);
		String salaris = googleMailbox();
		String administratie = googleMailbox();

		String first = tokens.accessToken(loopback.server(salaris, account.credentials()));
		String second = tokens.accessToken(loopback.server(administratie, account.credentials()));

		assertThat(second).isNotEqualTo(first);
		assertThat(loopback.auth.introspect(second).subject()).isEqualTo(administratie);
		// Gmail refuses a token for another mailbox
		assertThat(catchThrowableOfType(AuthenticationFailedException.class,
				() -> loopback.send(salaris, second, "Verkeerde mailbox")))
			.isNotNull();
	}

	@Test
	void anExpiredTokenIsRefreshed() throws Exception {
		ServiceAccount account = serviceAccount(Duration.ofSeconds(3), LoopbackAuthorizationServer.GOOGLE_SCOPE);
		String mailbox = googleMailbox();
		SmtpServer server = loopback.server(mailbox, account.credentials());
		String first = tokens.accessToken(server);
		assertThat(tokens.accessToken(server)).isEqualTo(first);

		Thread.sleep(3_100);
		String second = tokens.accessToken(server);
		loopback.send(mailbox, second, "Na het verlopen");

		assertThat(second).isNotEqualTo(first);
		assertThat(loopback.auth.introspect(first).active()).isFalse();
		assertThat(loopback.auth.tokenRequests(account.clientEmail())).isEqualTo(2);
	}

	@Test
	void missingDomainWideDelegationIsExplained() {
		ServiceAccount account = serviceAccount(Duration.ofHours(1));
		SmtpServer server = loopback.server(googleMailbox(), account.credentials());

		SmtpAccessTokenException refused = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server));

		assertThat(refused.problem()).isEqualTo(SmtpOAuth2Problem.GOOGLE_DELEGATION_MISSING);
		assertThat(refused.providerError()).startsWith("unauthorized_client");
		assertThat(DutchMessages.of(refused.problem())).contains("domeinbrede delegatie", "https://mail.google.com/");
	}

	@Test
	void anUnknownMailboxIsExplained() {
		ServiceAccount account = serviceAccount(Duration.ofHours(1), LoopbackAuthorizationServer.GOOGLE_SCOPE);
		SmtpServer server = loopback.server("niemand-" + UUID.randomUUID() + "@korenbloem.nl", account.credentials());

		SmtpAccessTokenException refused = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server));

		assertThat(refused.problem()).isEqualTo(SmtpOAuth2Problem.GOOGLE_INVALID_GRANT);
		assertThat(refused.providerError()).isEqualTo("invalid_grant: Invalid email or User ID");
	}

	@Test
	void aKeyGoogleDoesNotKnowIsExplained() {
		ServiceAccount account = serviceAccount(Duration.ofHours(1), LoopbackAuthorizationServer.GOOGLE_SCOPE);
		// a key file with the account's name but another (e.g. deleted) key pair
		String otherKey = LoopbackOAuth2.serviceAccountKeyJson(account.clientEmail(), LoopbackOAuth2.rsaKeyPair(),
				loopback.auth.googleTokenUri());
		SmtpServer server = loopback.server(googleMailbox(), new SmtpCredentials.GoogleOAuth2(otherKey));

		SmtpAccessTokenException refused = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server));

		assertThat(refused.problem()).isEqualTo(SmtpOAuth2Problem.GOOGLE_KEY_REJECTED);
		assertThat(refused.providerError()).startsWith("invalid_grant");
	}

	@Test
	void aKeyFileThatIsNoServiceAccountKeyIsExplainedWithoutAskingGoogle() {
		String notAKey = "{\"type\":\"authorized_user\",\"client_secret\":\"d-FL95Q19q7MQmFpd7hHD0Ty\"}";
		SmtpServer server = loopback.server(googleMailbox(), new SmtpCredentials.GoogleOAuth2(notAKey));

		SmtpAccessTokenException refused = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server));

		assertThat(refused.problem()).isEqualTo(SmtpOAuth2Problem.INVALID_KEY_FILE);
		assertThat(refused.getMessage()).doesNotContain("d-FL95Q19q7MQmFpd7hHD0Ty");
		assertThat(loopback.auth.tokenRequests("unknown")).isZero();
	}

	@Test
	void aBrokenPrivateKeyIsExplained() {
		ServiceAccount account = serviceAccount(Duration.ofHours(1), LoopbackAuthorizationServer.GOOGLE_SCOPE);
		String broken = account.keyJson().replaceFirst("-----BEGIN PRIVATE KEY-----\\\\n....", "-----BEGIN PRIVATE KEY-----\\\\n");
		SmtpServer server = loopback.server(googleMailbox(), new SmtpCredentials.GoogleOAuth2(broken));

		SmtpAccessTokenException refused = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server));

		assertThat(broken).isNotEqualTo(account.keyJson());
		assertThat(refused.problem()).isEqualTo(SmtpOAuth2Problem.INVALID_KEY_FILE);
		assertThat(loopback.auth.tokenRequests(account.clientEmail())).isZero();
	}

	@Test
	void gmailRefusingATokenIsExplained() throws Exception {
		ServiceAccount account = serviceAccount(Duration.ofHours(1), LoopbackAuthorizationServer.GOOGLE_SCOPE);
		String mailbox = googleMailbox();
		SmtpServer server = loopback.server(mailbox, account.credentials());
		String token = tokens.accessToken(server);
		loopback.auth.revoke(token);

		AuthenticationFailedException refused = catchThrowableOfType(AuthenticationFailedException.class,
				() -> loopback.send(mailbox, token, "Ingetrokken"));

		assertThat(SmtpOAuth2Problem.ofSmtpReply(server.authMethod(), refused.getMessage()))
			.contains(SmtpOAuth2Problem.GOOGLE_TOKEN_REJECTED);
	}

	private static ServiceAccount serviceAccount(Duration tokenLifetime, String... delegatedScopes) {
		String clientEmail = "loonmail-" + UUID.randomUUID().toString().substring(0, 8)
				+ "@salaronline-test.iam.gserviceaccount.com";
		KeyPair keyPair = LoopbackOAuth2.rsaKeyPair();
		loopback.auth.registerServiceAccount(clientEmail, (RSAPublicKey) keyPair.getPublic(), tokenLifetime,
				delegatedScopes);
		return new ServiceAccount(clientEmail,
				LoopbackOAuth2.serviceAccountKeyJson(clientEmail, keyPair, loopback.auth.googleTokenUri()));
	}

	private static String googleMailbox() {
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.auth.addGoogleMailbox(mailbox);
		return mailbox;
	}

	private record ServiceAccount(String clientEmail, String keyJson) {

		SmtpCredentials credentials() {
			return new SmtpCredentials.GoogleOAuth2(keyJson);
		}

	}

}
