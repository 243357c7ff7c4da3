package nl.salaronline.mail;

/** Where a mail is in its life. */
public enum MailStatus {

	/** Stored, waiting to be sent (for the first time, or again after a transient failure). */
	QUEUED,

	/** Claimed by a worker that is sending it now. */
	SENDING,

	/** Accepted by the SMTP server. */
	SENT,

	/** Given up: a permanent failure, or transient failures up to the retry limit. */
	FAILED

}
