package nl.salaronline.smtp;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for an e-mail address, wherever one is typed, received, probed with or sent to: the admin forms, the
 * SMTP Instellingen form, the HTTP API, Test verbinding and the sender. An address is what RFC 5321 calls a mailbox
 * in its plainest form: a dot-string local part ({@code atext} characters separated by single dots, at most 64) and a
 * host name of at least two labels, ASCII only, at most 254 characters.
 * <p>
 * Refused on purpose, although RFC 5321 allows them: a quoted local part ({@code "a b"@korenbloem.nl}), since its
 * spaces and quotes break every simple reading of an SMTP command and few servers accept it; an address literal
 * ({@code jan@[192.0.2.1]}), which would get around the host checks; and non-ASCII characters (SMTPUTF8, RFC 6531),
 * which this platform does not support end to end (see docs/DECISIONS.md).
 */
public final class MailAddressRule {

	/** The longest address RFC 5321 lets through a {@code MAIL FROM} or {@code RCPT TO} path. */
	public static final int MAX_LENGTH = 254;

	private static final int MAX_LOCAL_PART = 64;

	private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";

	private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

	private static final Pattern ADDRESS = Pattern
		.compile("(" + ATEXT + "(?:\\." + ATEXT + ")*)@" + LABEL + "(?:\\." + LABEL + ")+");

	/** Why an address is refused; each maps to a message key of the screens. */
	public enum Refusal {

		/** Not a plain address (quoted local part, display name, two addresses, control characters, ...). */
		INVALID("Email"),

		/** Longer than {@value MailAddressRule#MAX_LENGTH} characters. */
		TOO_LONG("tooLong"),

		/** Letters outside ASCII, such as {@code zoë@bakkerij.nl} or an IDN domain not in its {@code xn--} form. */
		NOT_ASCII("nonAsciiEmail");

		private final String code;

		Refusal(String code) {
			this.code = code;
		}

		/** The error code for Spring's {@code Errors.rejectValue}: {@code Email}, {@code tooLong}, ... */
		public String code() {
			return code;
		}

	}

	private MailAddressRule() {
	}

	/** @return why the address may not be used, or empty when it may; nothing is stripped first */
	public static Optional<Refusal> refusalOf(String address) {
		if (address == null || address.isEmpty()) {
			return Optional.of(Refusal.INVALID);
		}
		if (address.length() > MAX_LENGTH) {
			return Optional.of(Refusal.TOO_LONG);
		}
		if (address.chars().anyMatch(c -> c > 0x7e)) {
			// a letter such as ë is refused with its own message; an invisible or control character is just invalid
			boolean letters = address.chars().filter(c -> c > 0x7e).allMatch(Character::isLetterOrDigit);
			return Optional.of(letters ? Refusal.NOT_ASCII : Refusal.INVALID);
		}
		var matcher = ADDRESS.matcher(address);
		if (!matcher.matches() || matcher.group(1).length() > MAX_LOCAL_PART) {
			return Optional.of(Refusal.INVALID);
		}
		return Optional.empty();
	}

	public static boolean isValid(String address) {
		return refusalOf(address).isEmpty();
	}

}
