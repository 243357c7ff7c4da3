package nl.salaronline.mail;

/** No employer has the code a mail names. Nothing was stored. */
public class UnknownEmployerException extends RuntimeException {

	private final String employerCode;

	public UnknownEmployerException(String employerCode) {
		super("No employer with code " + employerCode);
		this.employerCode = employerCode;
	}

	public String employerCode() {
		return employerCode;
	}

}
