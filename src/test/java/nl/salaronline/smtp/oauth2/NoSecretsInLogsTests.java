package nl.salaronline.smtp.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import loopback.oauth2.LoopbackAuthorizationServer;
import loopback.oauth2.LoopbackAuthorizationServer.MicrosoftApp;
import nl.salaronline.smtp.SmtpAccessTokenException;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpServer;
import nl.salaronline.testsupport.LoopbackOAuth2;

/**
 * Client secrets, private keys, assertions and access tokens never reach a log line or an exception message, not
 * even with DEBUG logging on for this module and for Spring's HTTP client.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsTests {

	private static final List<String> DEBUG_LOGGERS = List.of("nl.salaronline", "org.springframework.web",
			"org.springframework.http");

	private static LoopbackOAuth2 loopback;

	private static LoggingSystem logging;

	@BeforeAll
	static void start() {
		loopback = new LoopbackOAuth2();
		logging = LoggingSystem.get(NoSecretsInLogsTests.class.getClassLoader());
		DEBUG_LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
	}

	@AfterAll
	static void stop() {
		DEBUG_LOGGERS.forEach(logger -> logging.setLogLevel(logger, null));
		loopback.close();
	}

	@Test
	void noSecretIsLoggedWhenTokensAreFetchedOrRefused(CapturedOutput output) throws Exception {
		OAuth2AccessTokens tokens = new OAuth2AccessTokens(loopback.properties(Duration.ofSeconds(5)));
		List<String> secrets = new ArrayList<>();
		List<String> messages = new ArrayList<>();

		MicrosoftApp app = loopback.auth.registerMicrosoftApp("contoso.onmicrosoft.com", Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		SmtpServer microsoft = loopback.server(mailbox,
				new SmtpCredentials.MicrosoftOAuth2(app.tenantId(), app.clientId(), app.clientSecret()));
		String microsoftToken = tokens.accessToken(microsoft);
		loopback.send(mailbox, microsoftToken, "Loonstrook");
		secrets.add(app.clientSecret());
		secrets.add(microsoftToken);

		String wrongSecret = "Zx8Q~verkeerd-" + app.clientSecret();
		messages.add(catchThrowableOfType(SmtpAccessTokenException.class, () -> tokens.accessToken(loopback
			.server(mailbox, new SmtpCredentials.MicrosoftOAuth2(app.tenantId(), app.clientId(), wrongSecret))))
			.getMessage());
		secrets.add(wrongSecret);

		KeyPair keyPair = LoopbackOAuth2.rsaKeyPair();
		String clientEmail = "loonmail-logs@salaronline-test.iam.gserviceaccount.com";
		loopback.auth.registerServiceAccount(clientEmail, (RSAPublicKey) keyPair.getPublic(), Duration.ofHours(1),
				LoopbackAuthorizationServer.GOOGLE_SCOPE);
		String keyJson = LoopbackOAuth2.serviceAccountKeyJson(clientEmail, keyPair, loopback.auth.googleTokenUri());
		String googleMailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.auth.addGoogleMailbox(googleMailbox);
		String googleToken = tokens.accessToken(loopback.server(googleMailbox, new SmtpCredentials.GoogleOAuth2(keyJson)));
		loopback.send(googleMailbox, googleToken, "Jaaropgave");
		messages.add(catchThrowableOfType(SmtpAccessTokenException.class, () -> tokens.accessToken(loopback
			.server("onbekend@korenbloem.nl", new SmtpCredentials.GoogleOAuth2(keyJson)))).getMessage());
		secrets.add(googleToken);
		// any 40 characters of the private key, as they would appear in the key file or a PEM dump
		String privateKey = Base64.getEncoder().encodeToString(keyPair.getPrivate().getEncoded());
		secrets.add(privateKey.substring(200, 240));

		assertThat(output.getAll()).contains("refused client " + app.clientId(), "onbekend@korenbloem.nl");
		for (String secret : secrets) {
			assertThat(output.getAll()).doesNotContain(secret);
			assertThat(messages).noneMatch(message -> message.contains(secret));
		}
		// no JWT-bearer assertion either (a JWS always starts with the base64 of '{"')
		assertThat(output.getAll()).doesNotContain("assertion=", "client_secret=");
		assertThat(output.getAll()).doesNotContainPattern("eyJ[A-Za-z0-9_-]{20,}\\.eyJ");
	}

}
