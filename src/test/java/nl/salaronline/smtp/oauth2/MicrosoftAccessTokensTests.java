package nl.salaronline.smtp.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.AuthenticationFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import loopback.oauth2.LoopbackAuthorizationServer.MicrosoftApp;
import nl.salaronline.smtp.SmtpAccessTokenException;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpOAuth2Problem;
import nl.salaronline.smtp.SmtpServer;
import nl.salaronline.testsupport.XOAuth2SmtpServer;
import nl.salaronline.testsupport.LoopbackOAuth2;

/**
 * Microsoft 365: client-credentials tokens from a real authorization server on loopback, used for {@code AUTH XOAUTH2}
 * against a real SMTP server that checks them.
 */
class MicrosoftAccessTokensTests {

	private static final String TENANT = "0b1f0c2e-5c1a-4d8e-9a55-2f3b4c5d6e7f";

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
	void mailGoesOutWithAFreshToken() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		SmtpServer server = loopback.server(mailbox, credentials(app));

		loopback.send(mailbox, tokens.accessToken(server), "Loonstrook januari");

		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(1);
		assertThat(loopback.smtp.received()).anySatisfy(mail -> {
			assertThat(mail.signedInAs()).isEqualTo(mailbox);
			assertThat(mail.data()).contains("Subject: Loonstrook januari");
		});
	}

	@Test
	void theCachedTokenIsReusedForTheNextMails() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		SmtpServer server = loopback.server(mailbox, credentials(app));

		for (int i = 1; i <= 3; i++) {
			loopback.send(mailbox, tokens.accessToken(server), "Loonstrook " + i);
		}

		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(1);
		List<String> usedTokens = signInsOf(mailbox).stream().map(XOAuth2SmtpServer.SignIn::accessToken).toList();
		assertThat(usedTokens).hasSize(3);
		assertThat(Set.copyOf(usedTokens)).hasSize(1);
	}

	@Test
	void concurrentSendsOfALevelShareOneTokenRequest() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		SmtpServer server = loopback.server(LoopbackOAuth2.uniqueMailbox(), credentials(app));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Callable<String>> sends = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				sends.add(() -> {
					go.await();
					return tokens.accessToken(server);
				});
			}
			List<Future<String>> results = new ArrayList<>();
			for (Callable<String> send : sends) {
				results.add(pool.submit(send));
			}
			go.countDown();
			Set<String> distinct = new java.util.HashSet<>();
			for (Future<String> result : results) {
				distinct.add(result.get());
			}
			assertThat(distinct).hasSize(1);
			assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void anExpiredTokenIsRefreshed() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofSeconds(3));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		SmtpServer server = loopback.server(mailbox, credentials(app));
		String first = tokens.accessToken(server);
		loopback.send(mailbox, first, "Voor het verlopen");

		Thread.sleep(3_100);
		assertThatThrownBy(() -> loopback.send(mailbox, first, "Met een verlopen token"))
			.isInstanceOf(AuthenticationFailedException.class);
		String second = tokens.accessToken(server);
		loopback.send(mailbox, second, "Na het verlopen");

		assertThat(second).isNotEqualTo(first);
		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(2);
	}

	@Test
	void aRevokedTokenIsFetchedAgainExactlyOnceAfterTheServerRefusedIt() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		SmtpServer server = loopback.server(mailbox, credentials(app));
		String revoked = tokens.accessToken(server);
		loopback.auth.revoke(revoked);

		AuthenticationFailedException refused = catchThrowableOfType(AuthenticationFailedException.class,
				() -> loopback.send(mailbox, revoked, "Met een ingetrokken token"));
		assertThat(refused.getMessage()).contains("535 5.7.3");
		// two sends of the level were refused with the same token: the level still fetches one new token
		tokens.invalidate(server, revoked);
		String fresh = tokens.accessToken(server);
		tokens.invalidate(server, revoked);
		loopback.send(mailbox, tokens.accessToken(server), "Na het vernieuwen");

		assertThat(fresh).isNotEqualTo(revoked);
		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(2);
	}

	@Test
	void invalidateForgetsTheCachedToken() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		SmtpServer server = loopback.server(LoopbackOAuth2.uniqueMailbox(), credentials(app));
		String first = tokens.accessToken(server);

		tokens.invalidate(server);

		assertThat(tokens.accessToken(server)).isNotEqualTo(first);
		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(2);
	}

	@Test
	void anotherSecretIsAnotherCacheEntry() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		tokens.accessToken(loopback.server(mailbox, credentials(app)));

		SmtpServer wrongSecret = loopback.server(mailbox,
				new SmtpCredentials.MicrosoftOAuth2(TENANT, app.clientId(), "not-the-secret"));

		assertThatThrownBy(() -> tokens.accessToken(wrongSecret)).isInstanceOf(SmtpAccessTokenException.class);
	}

	@Test
	void aWrongClientSecretIsExplained() {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		String wrongSecret = "wrong~" + app.clientSecret().substring(7);
		SmtpServer server = loopback.server(LoopbackOAuth2.uniqueMailbox(),
				new SmtpCredentials.MicrosoftOAuth2(TENANT, app.clientId(), wrongSecret));

		SmtpAccessTokenException refused = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server));

		assertThat(refused.problem()).isEqualTo(SmtpOAuth2Problem.WRONG_CLIENT_SECRET);
		assertThat(refused.providerError()).isEqualTo("AADSTS7000215");
		assertThat(refused.isTransient()).isFalse();
		assertThat(refused.getMessage()).contains(app.clientId()).doesNotContain(wrongSecret);
		assertThat(DutchMessages.of(refused.problem())).contains("clientgeheim");
	}

	@Test
	void anExpiredClientSecretIsExplainedWithEntrasCode() {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		loopback.auth.expireClientSecret(app.clientId());
		SmtpServer server = loopback.server(LoopbackOAuth2.uniqueMailbox(), credentials(app));

		SmtpAccessTokenException refused = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server));

		assertThat(refused.problem()).isEqualTo(SmtpOAuth2Problem.EXPIRED_CLIENT_SECRET);
		assertThat(refused.providerError()).isEqualTo("AADSTS7000222");
		assertThat(refused.isTransient()).isFalse();
		assertThat(DutchMessages.of(refused.problem())).contains("verlopen");
	}

	@Test
	void anAppUnknownInTheTenantIsExplainedWithEntrasCode() {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		MicrosoftApp elsewhere = loopback.auth.registerMicrosoftApp("elders.onmicrosoft.com", Duration.ofHours(1));
		SmtpServer server = loopback.server(LoopbackOAuth2.uniqueMailbox(),
				new SmtpCredentials.MicrosoftOAuth2(app.tenantId(), elsewhere.clientId(), elsewhere.clientSecret()));

		SmtpAccessTokenException refused = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server));

		assertThat(refused.problem()).isEqualTo(SmtpOAuth2Problem.UNKNOWN_APPLICATION);
		assertThat(refused.providerError()).isEqualTo("AADSTS700016");
	}

	@Test
	void anUnknownTenantIsExplainedWithEntrasCode() {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		SmtpServer server = loopback.server(LoopbackOAuth2.uniqueMailbox(),
				new SmtpCredentials.MicrosoftOAuth2("contoso-typo.onmicrosoft.com", app.clientId(), app.clientSecret()));

		SmtpAccessTokenException refused = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server));

		assertThat(refused.problem()).isEqualTo(SmtpOAuth2Problem.UNKNOWN_TENANT);
		assertThat(refused.providerError()).isEqualTo("AADSTS90002");
		assertThat(DutchMessages.of(refused.problem())).contains("Tenant-ID");
	}

	@Test
	void aTenantIdThatIsNoIdNorDomainNeverReachesTheTokenEndpoint() {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		SmtpServer server = loopback.server(LoopbackOAuth2.uniqueMailbox(),
				new SmtpCredentials.MicrosoftOAuth2("../../elders", app.clientId(), app.clientSecret()));

		SmtpAccessTokenException refused = catchThrowableOfType(SmtpAccessTokenException.class,
				() -> tokens.accessToken(server));

		assertThat(refused.problem()).isEqualTo(SmtpOAuth2Problem.UNKNOWN_TENANT);
		assertThat(loopback.auth.tokenRequests(app.clientId())).isZero();
	}

	@Test
	void anAppWithoutAccessToTheMailboxIsRefusedByTheServerAndExplained() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		SmtpServer server = loopback.server(mailbox, credentials(app));

		AuthenticationFailedException refused = catchThrowableOfType(AuthenticationFailedException.class,
				() -> loopback.send(mailbox, tokens.accessToken(server), "Zonder toegang"));

		assertThat(SmtpOAuth2Problem.ofSmtpReply(server.authMethod(), refused.getMessage()))
			.contains(SmtpOAuth2Problem.APP_NOT_ALLOWED);
	}

	@Test
	void smtpAuthDisabledForTheMailboxIsExplained() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp(TENANT, Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		loopback.disableSmtpAuth(mailbox);
		SmtpServer server = loopback.server(mailbox, credentials(app));

		AuthenticationFailedException refused = catchThrowableOfType(AuthenticationFailedException.class,
				() -> loopback.send(mailbox, tokens.accessToken(server), "SMTP AUTH uit"));

		assertThat(SmtpOAuth2Problem.ofSmtpReply(server.authMethod(), refused.getMessage()))
			.contains(SmtpOAuth2Problem.SMTP_AUTH_DISABLED);
		assertThat(DutchMessages.of(SmtpOAuth2Problem.SMTP_AUTH_DISABLED)).contains("SMTP AUTH");
	}

	private static SmtpCredentials credentials(MicrosoftApp app) {
		return new SmtpCredentials.MicrosoftOAuth2(app.tenantId(), app.clientId(), app.clientSecret());
	}

	private static List<XOAuth2SmtpServer.SignIn> signInsOf(String mailbox) {
		return loopback.smtp.signIns().stream().filter(signIn -> signIn.mailbox().equals(mailbox)).toList();
	}

}
