package nl.salaronline.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.validation.Errors;

import nl.salaronline.account.Account;
import nl.salaronline.smtp.MailAddressRule;

/** What the admin types for an account; never the entity itself. */
class AccountForm {

	/**
	 * Names and addresses go into mail headers and onto every screen: no line breaks or other control characters, and
	 * no invisible format characters such as bidirectional controls, except the joiners U+200C and U+200D
	 * ({@link nl.salaronline.smtp.VisibleText}).
	 */
	static final String NO_CONTROL_CHARACTERS = "(?:[^\\p{Cntrl}\\p{Cf}\\u2028\\u2029]|[\\u200c\\u200d])*";

	@NotBlank
	@Size(max = 200)
	@Pattern(regexp = NO_CONTROL_CHARACTERS)
	private String name;

	/** Checked further by {@link #validateEmail}: the one address rule of the platform. */
	@NotBlank
	@Size(max = 254)
	@Pattern(regexp = NO_CONTROL_CHARACTERS)
	private String email;

	static AccountForm of(Account account) {
		AccountForm form = new AccountForm();
		form.name = account.getName();
		form.email = account.getEmail();
		return form;
	}

	/**
	 * The address must pass {@link MailAddressRule}, as it will be the sender of this level's mails and go through
	 * Test verbinding: a quoted local part such as {@code "a b"@korenbloem.nl} or a non-ASCII address is refused here.
	 */
	static void validateEmail(String email, Errors errors) {
		if (email != null && !errors.hasFieldErrors("email")) {
			MailAddressRule.refusalOf(email.strip()).ifPresent(refusal -> errors.rejectValue("email", refusal.code()));
		}
	}

	void applyTo(Account account) {
		account.setName(name.strip());
		account.setEmail(email.strip());
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

}
