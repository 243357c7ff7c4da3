package nl.salaronline.mail;

import java.util.List;
import java.util.Optional;

/**
 * The mail service for payroll modules: hand over a mail and forget it. The caller never chooses a transport; the
 * route (employer's own SMTP, account's own SMTP or the default transport) is decided when the mail is sent, from the
 * settings saved at that moment.
 */
public interface MailService {

	/**
	 * Validates the mail and stores it in the outbox, in the caller's transaction if there is one. Once this returns
	 * (and that transaction commits) the mail will be sent, retried after transient failures, and never forgotten.
	 * @return the id to follow the mail with
	 * @throws InvalidMailException naming every bad field; nothing is stored
	 * @throws UnknownEmployerException when no employer has the given code; nothing is stored
	 */
	MailId send(OutgoingMail mail);

	/**
	 * Hands over many mails (a payroll run, or a part of it) in one transaction: all are stored, or, when one is bad,
	 * none. Much cheaper per mail than {@link #send} one by one, above all on PostgreSQL (one commit instead of one per
	 * mail).
	 * @return the ids, in the order of the mails
	 * @throws InvalidMailException naming every bad field as {@code mails[i].field}; nothing is stored
	 * @throws UnknownEmployerException when no employer has a given code; nothing is stored
	 */
	List<MailId> sendAll(List<OutgoingMail> mails);

	/**
	 * As {@link #sendAll(List)}, and remembers the mails as one batch, whose progress {@link #findBatch} reports.
	 * @param batch a new batch id ({@link MailBatchId#random()})
	 */
	List<MailId> sendAll(List<OutgoingMail> mails, MailBatchId batch);

	/** How far the mails of a batch have come, or empty for an unknown batch. */
	Optional<MailBatchReport> findBatch(MailBatchId batch);

	/** What became of a mail, or empty for an unknown id. */
	Optional<MailReport> find(MailId id);

}
