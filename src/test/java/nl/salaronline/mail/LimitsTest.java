package nl.salaronline.mail;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

/**
 * The application context of the sending limit and stalled level tests: like {@link MailTest}, with the rolling
 * windows of SPEC section 10 shortened through configuration (a "minute" of 1 s, a "day" of 3 s, a pause of 1 s after
 * a rate reply) and a stalled level retried every 2 s, so that nothing waits a real minute or day. Keep these
 * annotations identical in every such test so the context is shared.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"salaronline.mail.worker.enabled=true", "salaronline.mail.worker.poll-interval=PT0.2S",
		"salaronline.mail.retry.initial-delay=PT0.2S", "salaronline.mail.retry.max-delay=PT0.4S",
		"salaronline.mail.retry.max-attempts=50", "salaronline.mail.worker.id=limits-tests",
		"salaronline.mail.limits.minute-window=PT1S", "salaronline.mail.limits.day-window=PT3S",
		"salaronline.mail.limits.rate-pause=PT1S", "salaronline.mail.stall-retry=PT2S" })
@ContextConfiguration(initializers = { DefaultMailServer.Initializer.class, OAuth2Servers.Initializer.class })
@AutoConfigureMockMvc
public @interface LimitsTest {

}
