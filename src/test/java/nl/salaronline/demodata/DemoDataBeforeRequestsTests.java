package nl.salaronline.demodata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;

import nl.salaronline.SmtpInstellingenApplication;
import nl.salaronline.account.AppUserRepository;

/**
 * Started as {@code ./mvnw spring-boot:run} starts it: the demo users exist by the time the web server takes
 * requests, so a login right after start-up works.
 */
class DemoDataBeforeRequestsTests {

	@Test
	void theDemoUsersExistWhenTheWebServerStarts() {
		AtomicReference<Boolean> accountantWhenServing = new AtomicReference<>();
		SpringApplication application = new SpringApplication(SmtpInstellingenApplication.class);
		application.addListeners((WebServerInitializedEvent event) -> accountantWhenServing.set(
				event.getApplicationContext().getBean(AppUserRepository.class).findByUsername("accountant").isPresent()));

		try (ConfigurableApplicationContext context = application.run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--salaronline.mail.worker.enabled=false")) {
			assertThat(accountantWhenServing.get()).as("demo user 'accountant' exists when the web server is up")
				.isTrue();
		}
	}

}
