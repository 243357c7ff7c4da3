package nl.salaronline.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new login for an account, or a new password for an existing one (then the user name is not asked). */
class UserForm {

	@NotBlank(groups = NewUser.class)
	@Pattern(regexp = "[A-Za-z0-9._@-]{3,100}", groups = NewUser.class)
	private String username;

	@NotBlank
	@Size(min = 8, max = 200)
	private String password;

	interface NewUser {
	}

	public String getUsername() {
		return username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

}
