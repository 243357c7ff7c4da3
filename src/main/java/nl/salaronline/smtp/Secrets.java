package nl.salaronline.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Keeps a secret out of what we show and store: a server reply is shown on the screen and kept in the Verzendlog, and
 * a careless server might echo what we sent. Covers the secret as typed and as it travels in AUTH LOGIN, AUTH PLAIN
 * and AUTH XOAUTH2.
 */
final class Secrets {

	private Secrets() {
	}

	static String scrub(String text, String username, String secret) {
		if (text == null || secret == null || secret.length() < 3) {
			return text;
		}
		String scrubbed = text;
		// AUTH PLAIN with and without the authorization identity (Angus Mail sends the username as both)
		for (String form : List.of(base64(username + "\u0000" + username + "\u0000" + secret),
				base64("\u0000" + username + "\u0000" + secret), secret, base64(secret),
				base64("user=" + username + "\u0001auth=Bearer " + secret + "\u0001\u0001"))) {
			scrubbed = scrubbed.replace(form, "***");
		}
		return scrubbed;
	}

	static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
