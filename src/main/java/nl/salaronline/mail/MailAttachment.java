package nl.salaronline.mail;

/**
 * A file attached to a mail, e.g. a payslip PDF.
 *
 * @param filename the name the recipient sees, without a path
 * @param contentType a MIME type such as {@code application/pdf}
 * @param content the file's bytes
 */
public record MailAttachment(String filename, String contentType, byte[] content) {

	public int size() {
		return content == null ? 0 : content.length;
	}

	@Override
	public String toString() {
		// never the content: attachments are payslips
		return "MailAttachment[" + filename + ", " + contentType + ", " + size() + " bytes]";
	}

}
