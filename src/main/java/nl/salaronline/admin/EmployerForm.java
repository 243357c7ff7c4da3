package nl.salaronline.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import nl.salaronline.employer.Employer;

class EmployerForm {

	/** A werkgeversnummer: digits and letters only, so it is safe in URLs and mail headers. */
	@NotBlank
	@Pattern(regexp = "[A-Za-z0-9]{1,20}")
	private String code;

	@NotBlank
	@Size(max = 200)
	@Pattern(regexp = AccountForm.NO_CONTROL_CHARACTERS)
	private String name;

	/** Checked further by {@link AccountForm#validateEmail}. */
	@NotBlank
	@Size(max = 254)
	@Pattern(regexp = AccountForm.NO_CONTROL_CHARACTERS)
	private String email;

	@NotNull
	private Long accountId;

	static EmployerForm of(Employer employer) {
		EmployerForm form = new EmployerForm();
		form.code = employer.getCode();
		form.name = employer.getName();
		form.email = employer.getEmail();
		form.accountId = employer.getAccountId();
		return form;
	}

	Employer toEmployer() {
		return new Employer(code.strip(), name.strip(), email.strip(), accountId);
	}

	void applyTo(Employer employer) {
		employer.setCode(code.strip());
		employer.setName(name.strip());
		employer.setEmail(email.strip());
		employer.setAccountId(accountId);
	}

	public String getCode() {
		return code;
	}

	public void setCode(String code) {
		this.code = code;
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

	public Long getAccountId() {
		return accountId;
	}

	public void setAccountId(Long accountId) {
		this.accountId = accountId;
	}

}
