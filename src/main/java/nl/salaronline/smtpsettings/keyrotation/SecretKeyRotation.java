package nl.salaronline.smtpsettings.keyrotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jasypt.encryption.StringEncryptor;
import org.jasypt.encryption.pbe.PooledPBEStringEncryptor;
import org.jasypt.encryption.pbe.config.SimpleStringPBEConfig;
import org.jasypt.exceptions.EncryptionOperationNotPossibleException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts every stored SMTP secret from an old key to the current one, in one transaction. Decrypts everything
 * first and refuses (changing nothing) when any value does not decrypt with the old key, so a typo in the old key
 * can never leave the table half old, half new. Works on the columns directly, below JPA, so no entity converter
 * with the new key ever sees old ciphertext.
 */
class SecretKeyRotation {

	/** Every column that holds jasypt ciphertext. */
	static final List<String> SECRET_COLUMNS = List.of("password_encrypted", "oauth_client_secret_encrypted",
			"google_service_account_key_encrypted");

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	SecretKeyRotation(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * @return how many secrets were re-encrypted
	 * @throws KeyRotationRefusedException when a stored value does not decrypt with the old key (nothing changed)
	 */
	int rotate(StringEncryptor oldKey, StringEncryptor newKey) {
		Integer count = transaction.execute(status -> {
			List<Object[]> updates = new ArrayList<>();
			List<Long> undecryptable = new ArrayList<>();
			for (Map<String, Object> row : jdbc.queryForList("select id, " + String.join(", ", SECRET_COLUMNS)
					+ " from smtp_settings order by id for update")) {
				long id = ((Number) row.get("id")).longValue();
				for (String column : SECRET_COLUMNS) {
					Object ciphertext = row.get(column);
					if (ciphertext == null) {
						continue;
					}
					try {
						String secret = oldKey.decrypt(ciphertext.toString());
						updates.add(new Object[] { column, newKey.encrypt(secret), id });
					}
					catch (EncryptionOperationNotPossibleException ex) {
						undecryptable.add(id);
					}
				}
			}
			if (!undecryptable.isEmpty()) {
				throw new KeyRotationRefusedException(undecryptable.stream().distinct().toList());
			}
			for (Object[] update : updates) {
				jdbc.update("update smtp_settings set " + update[0] + " = ? where id = ?", update[1], update[2]);
			}
			return updates.size();
		});
		return count == null ? 0 : count;
	}

	/** An encryptor configured exactly like jasypt-spring-boot's default one, for the given key. */
	static StringEncryptor encryptorFor(String key) {
		SimpleStringPBEConfig config = new SimpleStringPBEConfig();
		config.setPassword(key);
		config.setAlgorithm("PBEWITHHMACSHA512ANDAES_256");
		config.setKeyObtentionIterations("1000");
		config.setPoolSize("1");
		config.setSaltGeneratorClassName("org.jasypt.salt.RandomSaltGenerator");
		config.setIvGeneratorClassName("org.jasypt.iv.RandomIvGenerator");
		config.setStringOutputType("base64");
		PooledPBEStringEncryptor encryptor = new PooledPBEStringEncryptor();
		encryptor.setConfig(config);
		return encryptor;
	}

}
