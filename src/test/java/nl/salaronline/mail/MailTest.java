package nl.salaronline.mail;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one application context of the mail tests (on a random port, for MockMvc and the browser alike): the outbox worker on (it is off in other test contexts), polling
 * fast, retrying after fractions of a second, the default transport pointed at {@link DefaultMailServer} and the
 * OAuth2 token endpoints at {@link OAuth2Servers}. Keep
 * these annotations identical in every mail test so the context is shared.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "salaronline.mail.worker.enabled=true", "salaronline.mail.worker.poll-interval=PT0.2S",
		"salaronline.mail.retry.initial-delay=PT0.2S", "salaronline.mail.retry.max-delay=PT0.4S",
		"salaronline.mail.retry.max-attempts=50", "salaronline.mail.worker.id=mail-tests" })
@ContextConfiguration(initializers = { DefaultMailServer.Initializer.class, OAuth2Servers.Initializer.class })
@AutoConfigureMockMvc
public @interface MailTest {

}
