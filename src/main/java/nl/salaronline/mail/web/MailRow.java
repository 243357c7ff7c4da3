package nl.salaronline.mail.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import nl.salaronline.mail.MailStatus;
import nl.salaronline.mail.MailTransport;
import nl.salaronline.mail.RecipientKind;
import nl.salaronline.mail.outbox.OutboxMail;

/** One line of a Verzendlog or of the admin's mail queue, with times in Dutch time. */
record MailRow(String id, String created, String sent, RecipientKind recipientKind, String to, String subject,
		MailStatus status, MailTransport transport, String from, int attempts, String reply, String failureKey,
		String worker, String next, String waitingKey) {

	private static final ZoneId DUTCH_TIME = ZoneId.of("Europe/Amsterdam");

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss");

	static MailRow of(OutboxMail mail) {
		return new MailRow(mail.getId(), format(mail.getCreatedAt()), format(mail.getSentAt()), mail.getRecipientKind(),
				mail.getToAddress(), mail.getSubject(), mail.getStatus(), mail.getTransport(), mail.getFromAddress(),
				mail.getAttempts(), mail.getLastReply(), advice(mail), mail.getClaimedBy(),
				"RETRY".equals(mail.waitingFor()) ? format(mail.getNextAttemptAt()) : null,
				mail.waitingFor() == null || "RETRY".equals(mail.waitingFor()) ? null
						: "mail.log.waiting." + mail.waitingFor());
	}

	/**
	 * The advice that fits the transport that failed. The SMTP advice ("Controleer SMTP Serverpoort", "vraag uw
	 * beheerder") is about a level's own server; on SalarOnline's default server the accountant configured nothing and
	 * can do nothing, except about a recipient's address.
	 */
	static String advice(OutboxMail mail) {
		if (mail.getLastFailure() == null) {
			return null;
		}
		if (mail.getTransport() == MailTransport.DEFAULT && !"RECIPIENT_REJECTED".equals(mail.getLastFailure())) {
			return mail.getStatus() == MailStatus.FAILED ? "mail.failure.default.failed" : "mail.failure.default.retrying";
		}
		return "smtp.failure." + mail.getLastFailure();
	}

	/** "Opnieuw versturen" is offered for failed mails only. */
	public boolean canResend() {
		return status == MailStatus.FAILED;
	}

	private static String format(Instant instant) {
		return instant == null ? null : FORMAT.format(instant.atZone(DUTCH_TIME));
	}

}
