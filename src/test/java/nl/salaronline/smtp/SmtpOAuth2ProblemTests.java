package nl.salaronline.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** What an SMTP server's answer to {@code AUTH XOAUTH2} tells the user (replies as Exchange Online and Gmail send them). */
class SmtpOAuth2ProblemTests {

	@Test
	void exchangeSayingSmtpAuthIsDisabledForTheMailbox() {
		assertThat(SmtpOAuth2Problem.ofSmtpReply(SmtpAuthMethod.MICROSOFT_OAUTH2,
				"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. "
						+ "Visit https://aka.ms/smtp_auth_disabled for more information. [AM0PR02CA0001.eurprd02.prod.outlook.com]"))
			.contains(SmtpOAuth2Problem.SMTP_AUTH_DISABLED);
	}

	@Test
	void exchangeRefusingTheAppsToken() {
		assertThat(SmtpOAuth2Problem.ofSmtpReply(SmtpAuthMethod.MICROSOFT_OAUTH2,
				"535 5.7.3 Authentication unsuccessful [AM0PR02CA0001.eurprd02.prod.outlook.com]"))
			.contains(SmtpOAuth2Problem.APP_NOT_ALLOWED);
	}

	@Test
	void gmailsErrorChallengeIsDecoded() {
		String json = "{\"status\":\"400\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}";
		String reply = "334 " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));

		assertThat(SmtpOAuth2Problem.ofSmtpReply(SmtpAuthMethod.GOOGLE_OAUTH2, reply))
			.contains(SmtpOAuth2Problem.GOOGLE_TOKEN_REJECTED);
		assertThat(SmtpOAuth2Problem.googleErrorChallenge(reply)).contains(json);
	}

	@Test
	void aPasswordSignInOrAPlainRefusalSaysNothingMore() {
		assertThat(SmtpOAuth2Problem.ofSmtpReply(SmtpAuthMethod.PASSWORD, "535 5.7.139 Authentication unsuccessful"))
			.isEmpty();
		assertThat(SmtpOAuth2Problem.ofSmtpReply(SmtpAuthMethod.MICROSOFT_OAUTH2, "535 5.7.8 Authentication failed"))
			.isEmpty();
		assertThat(SmtpOAuth2Problem.ofSmtpReply(SmtpAuthMethod.GOOGLE_OAUTH2, "250 OK")).isEmpty();
	}

	@Test
	void onlyAnUnreachableSlowOrFaultyTokenEndpointIsWorthRetrying() {
		assertThat(SmtpOAuth2Problem.values()).filteredOn(SmtpOAuth2Problem::isTransient)
			.containsExactlyInAnyOrder(SmtpOAuth2Problem.TOKEN_ENDPOINT_UNREACHABLE,
					SmtpOAuth2Problem.TOKEN_ENDPOINT_TIMEOUT, SmtpOAuth2Problem.TOKEN_ENDPOINT_FAULT);
	}

}
