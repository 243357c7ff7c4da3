package nl.salaronline.mail;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import nl.salaronline.testsupport.LoopbackOAuth2;

/**
 * The OAuth2 side of the mail tests (SPEC section 9): one authorization server and one XOAUTH2 SMTP server on loopback
 * for the whole test run, like {@link DefaultMailServer}, so that every mail test keeps sharing one application
 * context. Tests tell their levels apart by unique apps, service accounts and mailboxes.
 */
public final class OAuth2Servers {

	private static LoopbackOAuth2 servers;

	private OAuth2Servers() {
	}

	public static synchronized LoopbackOAuth2 get() {
		if (servers == null) {
			servers = new LoopbackOAuth2();
			Runtime.getRuntime().addShutdownHook(new Thread(servers::close));
		}
		return servers;
	}

	/** Points {@code salaronline.mail.oauth2.*.token-uri} at the shared authorization server. */
	public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestPropertyValues
				.of("salaronline.mail.oauth2.microsoft.token-uri=" + get().auth.microsoftTokenUri(),
						"salaronline.mail.oauth2.google.token-uri=" + get().auth.googleTokenUri())
				.applyTo(context.getEnvironment());
		}

	}

}
