package nl.salaronline.mail;

/** Who a mail goes to, which decides the level whose SMTP settings apply (SPEC section 1). */
public enum RecipientKind {

	/** The employer itself: the account level ("Accountniveau") applies. */
	EMPLOYER,

	/** An employee of the employer: the employer level ("Werkgeversniveau") applies. */
	EMPLOYEE

}
