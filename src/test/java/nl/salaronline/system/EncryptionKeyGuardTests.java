package nl.salaronline.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import nl.salaronline.SmtpInstellingenApplication;
import nl.salaronline.testsupport.ExpectedFailures;

class EncryptionKeyGuardTests {

	@Test
	void prodProfileWithoutTheKeyRefusesToStartWithOneLineNamingTheVariable() {
		SpringApplication application = new SpringApplication(SmtpInstellingenApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setAdditionalProfiles("prod");

		ExpectedFailures.Captured failed = ExpectedFailures.capture(() -> application.run("--jasypt.encryptor.password=",
				"--spring.datasource.url=jdbc:h2:mem:guard"));

		assertThat(failed.thrown()).isInstanceOf(MissingEncryptionKeyException.class);
		assertThat(failed.log()).contains("APPLICATION FAILED TO START",
				"JASYPT_ENCRYPTOR_PASSWORD is not set: the prod profile refuses to start without the key that encrypts SMTP passwords.")
			.doesNotContain("\tat ");
	}

	@Test
	void prodProfileRefusesTheBuiltInDevelopmentKeyToo() {
		SpringApplication application = new SpringApplication(SmtpInstellingenApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setAdditionalProfiles("prod");

		assertThat(ExpectedFailures.capture(() -> application.run(
				"--jasypt.encryptor.password=" + EncryptionKeyGuard.DEVELOPMENT_KEY,
				"--spring.datasource.url=jdbc:h2:mem:guard2"))
			.thrown()).isInstanceOf(MissingEncryptionKeyException.class);
	}

}
