package nl.salaronline.smtp;

/**
 * What a mail's visible one-line texts (subject, attachment file name, sender's display name) may not contain: line
 * breaks and other control characters (they would start a new header), the Unicode line and paragraph separators,
 * and invisible format characters (Unicode category Cf). Among the latter are the bidirectional controls U+202A-U+202E
 * and U+2066-U+2069, with which {@code loon\u202Efdp.exe} shows as {@code loonexe.pdf}, the zero-width space,
 * U+200E/U+200F, U+2060-U+2064, the byte order mark and the soft hyphen: a reader cannot see them, so they can only
 * mislead. Allowed are the zero-width non-joiner and joiner (U+200C, U+200D): Persian and Indic scripts and emoji
 * sequences need them, and they cannot reorder or hide text.
 */
public final class VisibleText {

	private VisibleText() {
	}

	/** Line breaks and other control characters, including the Unicode line and paragraph separators. */
	public static boolean hasControl(String value) {
		return value.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
	}

	/** Invisible format characters (bidirectional controls among them), except the two joiners. */
	public static boolean hasInvisibleFormat(String value) {
		return value.codePoints()
			.anyMatch(c -> Character.getType(c) == Character.FORMAT && c != '\u200c' && c != '\u200d');
	}

	/** Neither of the above: the text shows as what it is, on one line. */
	public static boolean isVisibleLine(String value) {
		return !hasControl(value) && !hasInvisibleFormat(value);
	}

}
