package nl.salaronline.smtp.oauth2;

import java.time.Duration;

/** An access token as the token endpoint issued it. {@code toString()} hides the token. */
record IssuedToken(String value, Duration lifetime) {

	@Override
	public String toString() {
		return "IssuedToken[***, " + lifetime + "]";
	}

}
