package nl.salaronline.mail.outbox;

import java.util.List;

import nl.salaronline.mail.RecipientKind;

/**
 * How log lines name a mail that failed or will be retried: its id, its level, the transport and the server as
 * {@code host:port}. Never a body, an address list or a secret (the server's reply to a connection or sign-in is
 * about the server, not about the mail).
 */
final class MailLog {

	private static final int IDS_NAMED = 5;

	private MailLog() {
	}

	/** e.g. {@code level employer 12, transport EMPLOYER, smtp.korenbloem.nl:587} */
	static String where(ClaimedMail mail, Route route, String server) {
		String level = mail.recipientKind() == RecipientKind.EMPLOYEE ? "level employer " + mail.employerId()
				: "level account " + mail.accountId();
		return route == null ? level + ", no route" : level + ", transport " + route.transport() + ", " + server;
	}

	/** The ids of a burst's mails: the first few, then how many more. */
	static String ids(List<String> ids) {
		if (ids.size() <= IDS_NAMED) {
			return String.join(", ", ids);
		}
		return String.join(", ", ids.subList(0, IDS_NAMED)) + " and " + (ids.size() - IDS_NAMED) + " more";
	}

}
