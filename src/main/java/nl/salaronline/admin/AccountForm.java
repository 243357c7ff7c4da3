package nl.salaronline.admin;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import nl.salaronline.account.Account;

/** What the admin types for an account; never the entity itself. */
class AccountForm {

	/** Names and addresses go into mail headers and onto every screen: no line breaks or other control characters. */
	static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}\\u2028\\u2029]*";

	@NotBlank
	@Size(max = 200)
	@Pattern(regexp = NO_CONTROL_CHARACTERS)
	private String name;

	@NotBlank
	@Email(regexp = ".+@.+\\..+")
	@Size(max = 254)
	@Pattern(regexp = NO_CONTROL_CHARACTERS)
	private String email;

	static AccountForm of(Account account) {
		AccountForm form = new AccountForm();
		form.name = account.getName();
		form.email = account.getEmail();
		return form;
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
