package nl.salaronline.mail;

import java.util.List;

/**
 * A mail a payroll module wants sent. Which server sends it, and from which address, follows from the employer and
 * the recipient kind (SPEC section 5); the caller does not choose.
 *
 * @param employerCode the employer (werkgeversnummer) the mail is about
 * @param recipient whether it goes to the employer itself or to one of its employees
 * @param to the recipient's address (one address, no display name)
 * @param subject single line
 * @param text plain-text body; {@code text} and/or {@code html} is required
 * @param html HTML body
 * @param attachments files to attach, possibly none
 */
public record OutgoingMail(String employerCode, RecipientKind recipient, String to, String subject, String text,
		String html, List<MailAttachment> attachments) {

	public OutgoingMail {
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
	}

	/** A mail to an employee of the employer: sent through the employer's own SMTP when it has that on. */
	public static OutgoingMail toEmployee(String employerCode, String to, String subject, String text) {
		return new OutgoingMail(employerCode, RecipientKind.EMPLOYEE, to, subject, text, null, List.of());
	}

	/** A mail to the employer itself: sent through its account's own SMTP when that is on. */
	public static OutgoingMail toEmployer(String employerCode, String to, String subject, String text) {
		return new OutgoingMail(employerCode, RecipientKind.EMPLOYER, to, subject, text, null, List.of());
	}

	public OutgoingMail withHtml(String html) {
		return new OutgoingMail(employerCode, recipient, to, subject, text, html, attachments);
	}

	public OutgoingMail withAttachment(MailAttachment attachment) {
		List<MailAttachment> more = new java.util.ArrayList<>(attachments);
		more.add(attachment);
		return new OutgoingMail(employerCode, recipient, to, subject, text, html, more);
	}

}
