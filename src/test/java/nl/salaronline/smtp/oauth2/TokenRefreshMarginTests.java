package nl.salaronline.smtp.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import loopback.oauth2.LoopbackAuthorizationServer.MicrosoftApp;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpServer;
import nl.salaronline.testsupport.LoopbackOAuth2;

/** A cached token is replaced shortly before it expires, not when a send has already failed with it. */
class TokenRefreshMarginTests {

	private static LoopbackOAuth2 loopback;

	@BeforeAll
	static void start() {
		loopback = new LoopbackOAuth2();
	}

	@AfterAll
	static void stop() {
		loopback.close();
	}

	@Test
	void aTokenOfAnHourIsReplacedFiveMinutesBeforeItExpires() throws Exception {
		MovableClock clock = new MovableClock();
		OAuth2AccessTokens tokens = new OAuth2AccessTokens(loopback.properties(Duration.ofSeconds(5)), clock);
		MicrosoftApp app = loopback.auth.registerMicrosoftApp("contoso.onmicrosoft.com", Duration.ofHours(1));
		SmtpServer server = loopback.server(LoopbackOAuth2.uniqueMailbox(),
				new SmtpCredentials.MicrosoftOAuth2(app.tenantId(), app.clientId(), app.clientSecret()));
		String first = tokens.accessToken(server);

		clock.advance(Duration.ofMinutes(54));
		assertThat(tokens.accessToken(server)).isEqualTo(first);
		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(1);

		clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(tokens.accessToken(server)).isNotEqualTo(first);
		assertThat(loopback.auth.tokenRequests(app.clientId())).isEqualTo(2);
	}

	private static final class MovableClock extends Clock {

		private volatile Instant now = Instant.now();

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
