package nl.salaronline.smtpsettings;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import org.jasypt.encryption.StringEncryptor;
import org.jasypt.exceptions.EncryptionOperationNotPossibleException;

/**
 * Stores a secret as jasypt ciphertext (random salt, so the same password never gives the same column value).
 * Hibernate gets this converter from Spring, which injects the encryptor configured by jasypt-spring-boot with the
 * key from {@code JASYPT_ENCRYPTOR_PASSWORD}.
 */
@Converter
class EncryptedSecretConverter implements AttributeConverter<String, String> {

	private final StringEncryptor encryptor;

	EncryptedSecretConverter(StringEncryptor encryptor) {
		this.encryptor = encryptor;
	}

	@Override
	public String convertToDatabaseColumn(String secret) {
		return secret == null ? null : encryptor.encrypt(secret);
	}

	@Override
	public String convertToEntityAttribute(String ciphertext) {
		if (ciphertext == null) {
			return null;
		}
		try {
			return encryptor.decrypt(ciphertext);
		}
		catch (EncryptionOperationNotPossibleException ex) {
			// the usual cause is a different key than the one the secret was saved with; say so, never the value
			throw new IllegalStateException("A stored SMTP secret cannot be decrypted: is JASYPT_ENCRYPTOR_PASSWORD "
					+ "the key it was saved with?", ex);
		}
	}

}
