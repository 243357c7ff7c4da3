package nl.salaronline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import nl.salaronline.SmtpInstellingenApplication;

@ExtendWith(OutputCaptureExtension.class)
class EncryptionKeyGuardTests {

	@Test
	void prodProfileWithoutTheKeyRefusesToStartWithOneLineNamingTheVariable(CapturedOutput output) {
		SpringApplication application = new SpringApplication(SmtpInstellingenApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setAdditionalProfiles("prod");

		assertThatThrownBy(() -> application.run("--jasypt.encryptor.password=",
				"--spring.datasource.url=jdbc:h2:mem:guard"))
			.isInstanceOf(MissingEncryptionKeyException.class);

		assertThat(output).contains(
				"JASYPT_ENCRYPTOR_PASSWORD is not set: the prod profile refuses to start without the key that encrypts SMTP passwords.");
		assertThat(output).doesNotContain("Tomcat started");
	}

	@Test
	void prodProfileRefusesTheBuiltInDevelopmentKeyToo() {
		SpringApplication application = new SpringApplication(SmtpInstellingenApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setAdditionalProfiles("prod");

		assertThatThrownBy(() -> application.run("--jasypt.encryptor.password=" + EncryptionKeyGuard.DEVELOPMENT_KEY,
				"--spring.datasource.url=jdbc:h2:mem:guard2"))
			.isInstanceOf(MissingEncryptionKeyException.class);
	}

}
