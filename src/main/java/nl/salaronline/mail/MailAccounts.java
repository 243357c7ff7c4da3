package nl.salaronline.mail;

import java.util.Optional;

/** Which account a mail of the outbox belongs to, for views that must show an accountant their own mails only. */
public interface MailAccounts {

	/** The account of the mail's employer, or empty for an unknown id. */
	Optional<Long> accountOf(MailId id);

	/**
	 * The outbox mail a sent message came from, read from its Message-ID ({@code <mail id@domain>}: the outbox
	 * sets it from the mail's id), or empty for a message that did not come from the outbox (e.g. Verstuur testmail).
	 */
	static Optional<MailId> fromMessageId(String messageId) {
		if (messageId == null) {
			return Optional.empty();
		}
		String id = messageId.strip();
		if (id.startsWith("<") && id.endsWith(">")) {
			id = id.substring(1, id.length() - 1);
		}
		int at = id.indexOf('@');
		return at < 0 ? Optional.empty() : MailId.parse(id.substring(0, at));
	}

}
