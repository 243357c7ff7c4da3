package nl.salaronline.system;

/** The production profile was started without the encryption key for stored SMTP secrets. */
class MissingEncryptionKeyException extends RuntimeException {

	private final String variable;

	MissingEncryptionKeyException(String variable) {
		super(variable + " is not set: the prod profile refuses to start without the key that encrypts SMTP passwords.");
		this.variable = variable;
	}

	String variable() {
		return variable;
	}

}
