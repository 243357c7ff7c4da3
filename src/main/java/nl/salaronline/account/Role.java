package nl.salaronline.account;

/** What a login may do. ACCOUNTANT users belong to an account; ADMIN and SERVICE users do not. */
public enum Role {

	/** Edits the SMTP settings of their own account and its employers, through the screens. */
	ACCOUNTANT,

	/** Manages accounts, users and employers; never sees a password. */
	ADMIN,

	/** A payroll module in another process, using the HTTP API only. */
	SERVICE;

	public String authority() {
		return "ROLE_" + name();
	}

}
