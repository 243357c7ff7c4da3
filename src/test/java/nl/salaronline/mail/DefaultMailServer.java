package nl.salaronline.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The default transport's server in the mail tests: one GreenMail on a free loopback port for the whole test run, so
 * every mail test shares one application context. Tests tell their mails apart by unique recipient addresses.
 */
public final class DefaultMailServer {

	private static GreenMail server;

	private DefaultMailServer() {
	}

	public static synchronized GreenMail get() {
		if (server == null) {
			server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		}
		return server;
	}

	public static int port() {
		return get().getSmtp().getPort();
	}

	/** Points {@code spring.mail.*} at the shared server. */
	public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestPropertyValues.of("spring.mail.host=127.0.0.1", "spring.mail.port=" + port())
				.applyTo(context.getEnvironment());
		}

	}

}
