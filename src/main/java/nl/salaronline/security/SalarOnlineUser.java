package nl.salaronline.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import nl.salaronline.account.AppUser;
import nl.salaronline.account.Role;

/**
 * The signed-in principal. Controllers take it with {@code @AuthenticationPrincipal} and scope every query to
 * {@link #accountId()}, which is how one account never sees another's data.
 */
public final class SalarOnlineUser implements UserDetails {

	/** Kept in the session, which the database shares with every instance (SPEC section 11). */
	private static final long serialVersionUID = 1L;

	private final Long userId;

	private final String username;

	private final String passwordHash;

	private final Role role;

	private final Long accountId;

	private final boolean enabled;

	SalarOnlineUser(AppUser user) {
		this.userId = user.getId();
		this.username = user.getUsername();
		this.passwordHash = user.getPasswordHash();
		this.role = user.getRole();
		this.accountId = user.getAccountId();
		this.enabled = user.isEnabled();
	}

	public Long userId() {
		return userId;
	}

	public Role role() {
		return role;
	}

	/** The account of an ACCOUNTANT; {@code null} for ADMIN and SERVICE users. */
	public Long accountId() {
		return accountId;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority(role.authority()));
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public String toString() {
		return "SalarOnlineUser[" + username + ", " + role + "]";
	}

}
