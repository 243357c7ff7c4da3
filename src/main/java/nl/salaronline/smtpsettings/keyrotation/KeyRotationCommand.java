package nl.salaronline.smtpsettings.keyrotation;

import org.jasypt.encryption.StringEncryptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code SALARONLINE_ROTATE_KEY_FROM=<old key> JASYPT_ENCRYPTOR_PASSWORD=<new key> java -jar app.jar}: re-encrypts
 * every stored secret from the old key to the new one while the application starts (after Flyway, before the mail
 * worker runs), then stops the application. When any value does not decrypt with the old key, start-up fails and
 * nothing is changed. The old key is read from the environment, not the command line, so it is not visible in
 * {@code ps}.
 */
@Component
@ConditionalOnProperty("salaronline.rotate-key.from")
class KeyRotationCommand implements InitializingBean, ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(KeyRotationCommand.class);

	private final SecretKeyRotation rotation;

	private final StringEncryptor newKey;

	private final String oldKey;

	KeyRotationCommand(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, StringEncryptor newKey,
			@Value("${salaronline.rotate-key.from}") String oldKey) {
		this.rotation = new SecretKeyRotation(jdbc, transactionManager);
		this.newKey = newKey;
		this.oldKey = oldKey;
	}

	@Override
	public void afterPropertiesSet() {
		int count = rotation.rotate(SecretKeyRotation.encryptorFor(oldKey), newKey);
		log.warn("Key rotation: {} stored SMTP secrets re-encrypted with the new JASYPT_ENCRYPTOR_PASSWORD. "
				+ "Start the application again without salaronline.rotate-key.from.", count);
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		event.getApplicationContext().close();
	}

}
