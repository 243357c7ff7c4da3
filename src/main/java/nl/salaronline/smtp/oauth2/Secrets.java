package nl.salaronline.smtp.oauth2;

/** Keeps secrets out of text that goes to a log or a screen. */
final class Secrets {

	private Secrets() {
	}

	/** The text with every occurrence of the secret replaced by {@code ***} (providers may echo what they got). */
	static String scrub(String text, String secret) {
		if (text == null || secret == null || secret.isEmpty()) {
			return text;
		}
		return text.replace(secret, "***");
	}

}
