package nl.salaronline.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The address a login came from: the servlet request's remote address, which Spring Security keeps in the
 * authentication's details. Behind a proxy it is the client's only when the server trusts that proxy's forwarded
 * headers ({@code server.forward-headers-strategy}, see the README), and only that proxy's.
 */
final class ClientAddress {

	private ClientAddress() {
	}

	static String of(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			return details.getRemoteAddress();
		}
		return "unknown";
	}

}
