package nl.salaronline.system;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Checks the jasypt key before any bean exists, so that a production start without it fails with one clear line
 * (see {@link MissingEncryptionKeyFailureAnalyzer}) instead of storing passwords under a known key.
 */
class EncryptionKeyGuard implements EnvironmentPostProcessor, Ordered {

	static final String KEY_VARIABLE = "JASYPT_ENCRYPTOR_PASSWORD";

	static final String DEVELOPMENT_KEY = "development-only-key";

	private final Log log;

	EncryptionKeyGuard(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(EncryptionKeyGuard.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String key = environment.getProperty("jasypt.encryptor.password");
		if (environment.acceptsProfiles(Profiles.of("prod"))) {
			if (!StringUtils.hasText(key) || DEVELOPMENT_KEY.equals(key)) {
				throw new MissingEncryptionKeyException(KEY_VARIABLE);
			}
		}
		else if (DEVELOPMENT_KEY.equals(key)) {
			log.warn(KEY_VARIABLE + " is not set: SMTP passwords are encrypted with the built-in development key. "
					+ "Never use this outside development.");
		}
	}

	@Override
	public int getOrder() {
		// after ConfigDataEnvironmentPostProcessor, so profiles and property files are known
		return Ordered.LOWEST_PRECEDENCE;
	}

}
