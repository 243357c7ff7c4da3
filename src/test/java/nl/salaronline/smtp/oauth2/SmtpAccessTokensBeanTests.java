package nl.salaronline.smtp.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import loopback.oauth2.LoopbackAuthorizationServer.MicrosoftApp;
import nl.salaronline.smtp.SmtpAccessTokens;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpServer;

/** The application's {@link SmtpAccessTokens} bean, configured by {@code salaronline.mail.oauth2.*}. */
@SpringBootTest
class SmtpAccessTokensBeanTests {

	private static final LoopbackOAuth2 loopback = new LoopbackOAuth2();

	@DynamicPropertySource
	static void tokenEndpoints(DynamicPropertyRegistry registry) {
		registry.add("salaronline.mail.oauth2.microsoft.token-uri", loopback.auth::microsoftTokenUri);
		registry.add("salaronline.mail.oauth2.google.token-uri", loopback.auth::googleTokenUri);
	}

	@AfterAll
	static void stop() {
		loopback.close();
	}

	@Autowired
	SmtpAccessTokens tokens;

	@Autowired
	OAuth2Properties properties;

	@Test
	void theConfiguredTokenEndpointIsUsedAndMailGoesOut() throws Exception {
		MicrosoftApp app = loopback.auth.registerMicrosoftApp("contoso.onmicrosoft.com", Duration.ofHours(1));
		String mailbox = LoopbackOAuth2.uniqueMailbox();
		loopback.grantMailbox(mailbox, app.clientId());
		SmtpServer server = loopback.server(mailbox,
				new SmtpCredentials.MicrosoftOAuth2(app.tenantId(), app.clientId(), app.clientSecret()));

		loopback.send(mailbox, tokens.accessToken(server), "Loonstrook");

		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(1);
	}

	@Test
	void unsetPropertiesHaveTheDocumentedDefaults() {
		assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.refreshMargin()).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.microsoft().scope()).isEqualTo("https://outlook.office365.com/.default");
		assertThat(properties.google().scope()).isEqualTo("https://mail.google.com/");
	}

}
