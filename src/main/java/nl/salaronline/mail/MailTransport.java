package nl.salaronline.mail;

/** Which server a mail went through (SPEC section 5). */
public enum MailTransport {

	/** The employer's own SMTP server, from the employer's address. */
	EMPLOYER,

	/** The account's own SMTP server, from the account's address. */
	ACCOUNT,

	/** The platform's default transport ({@code spring.mail.*}), from {@code salaronline.mail.default-from}. */
	DEFAULT

}
