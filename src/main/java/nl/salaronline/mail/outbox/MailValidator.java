package nl.salaronline.mail.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import nl.salaronline.mail.MailAttachment;
import nl.salaronline.mail.MailProblem;
import nl.salaronline.mail.OutgoingMail;
import nl.salaronline.smtp.MailAddressRule;
import nl.salaronline.smtp.VisibleText;

/**
 * Checks a mail before it is stored, naming each bad field as the HTTP API's JSON does. Addresses, the subject and
 * file names may contain no line breaks or other control characters, so nothing a caller sends can add a header; the
 * subject and file names no invisible format characters either ({@link VisibleText}: {@code loon\u202Efdp.exe} would
 * show as {@code loonexe.pdf}). The address follows {@link MailAddressRule}, as everywhere else. Messages are in
 * English, the language of the API.
 */
@Component
public class MailValidator {

	static final int MAX_SUBJECT = 500;

	static final int MAX_FILENAME = 255;

	private final OutboxProperties properties;

	MailValidator(OutboxProperties properties) {
		this.properties = properties;
	}

	public List<MailProblem> validate(OutgoingMail mail) {
		List<MailProblem> problems = new ArrayList<>();
		if (isBlank(mail.employerCode())) {
			problems.add(new MailProblem("employerCode", "is required"));
		}
		if (mail.recipient() == null) {
			problems.add(new MailProblem("recipient", "is required: EMPLOYER or EMPLOYEE"));
		}
		checkAddress(mail.to(), problems);
		checkSubject(mail.subject(), problems);
		if (isBlank(mail.text()) && isBlank(mail.html())) {
			problems.add(new MailProblem("text", "text or html is required"));
			problems.add(new MailProblem("html", "text or html is required"));
		}
		checkAttachments(mail, problems);
		return problems;
	}

	private static void checkAddress(String to, List<MailProblem> problems) {
		if (isBlank(to)) {
			problems.add(new MailProblem("to", "is required"));
			return;
		}
		// checked before stripping, which would quietly drop a trailing line break
		String address = hasControl(to) ? to : to.strip();
		MailAddressRule.refusalOf(address).ifPresent(refusal -> problems.add(new MailProblem("to", switch (refusal) {
			case TOO_LONG -> "is longer than " + MailAddressRule.MAX_LENGTH + " characters";
			case NOT_ASCII -> "contains letters outside ASCII: internationalised addresses (SMTPUTF8) are not "
					+ "supported; use the ASCII (xn--) form of the domain";
			case INVALID -> "is not a valid e-mail address (one address, like name@example.nl; no quoted local part)";
		})));
	}

	private static void checkSubject(String subject, List<MailProblem> problems) {
		if (isBlank(subject)) {
			problems.add(new MailProblem("subject", "is required"));
		}
		else if (hasControl(subject)) {
			problems.add(new MailProblem("subject", "must be one line without control characters"));
		}
		else if (VisibleText.hasInvisibleFormat(subject)) {
			problems.add(new MailProblem("subject",
					"must not contain invisible format characters such as bidirectional controls (U+202A-U+202E, "
							+ "U+2066-U+2069) or zero-width spaces"));
		}
		else if (subject.length() > MAX_SUBJECT) {
			problems.add(new MailProblem("subject", "is longer than " + MAX_SUBJECT + " characters"));
		}
	}

	private void checkAttachments(OutgoingMail mail, List<MailProblem> problems) {
		List<MailAttachment> attachments = mail.attachments();
		if (attachments.size() > properties.maxAttachments()) {
			problems.add(new MailProblem("attachments", "at most " + properties.maxAttachments() + " attachments"));
		}
		long total = length(mail.text()) + length(mail.html());
		for (int i = 0; i < attachments.size(); i++) {
			MailAttachment attachment = attachments.get(i);
			String field = "attachments[" + i + "].";
			checkFilename(attachment.filename(), field + "filename", problems);
			checkContentType(attachment.contentType(), field + "contentType", problems);
			if (attachment.content() == null) {
				problems.add(new MailProblem(field + "base64", "is required"));
			}
			else if (attachment.size() > properties.maxAttachmentSize().toBytes()) {
				problems.add(new MailProblem(field + "base64",
						"is larger than the maximum of " + readable(properties.maxAttachmentSize())));
			}
			total += attachment.size();
		}
		if (total > properties.maxMailSize().toBytes()) {
			problems.add(new MailProblem("attachments",
					"the mail (bodies and attachments) is larger than the maximum of "
							+ readable(properties.maxMailSize())));
		}
	}

	private static void checkFilename(String filename, String field, List<MailProblem> problems) {
		if (isBlank(filename)) {
			problems.add(new MailProblem(field, "is required"));
		}
		else if (hasControl(filename) || filename.contains("/") || filename.contains("\\") || filename.contains("\"")) {
			problems.add(new MailProblem(field, "must be a file name without a path, quotes or control characters"));
		}
		else if (VisibleText.hasInvisibleFormat(filename)) {
			problems.add(new MailProblem(field, "must not contain invisible format characters such as bidirectional "
					+ "controls (U+202A-U+202E, U+2066-U+2069): they can disguise the file's extension"));
		}
		else if (filename.length() > MAX_FILENAME) {
			problems.add(new MailProblem(field, "is longer than " + MAX_FILENAME + " characters"));
		}
	}

	private static void checkContentType(String contentType, String field, List<MailProblem> problems) {
		if (isBlank(contentType)) {
			problems.add(new MailProblem(field, "is required"));
			return;
		}
		boolean valid = !hasControl(contentType) && contentType.length() <= 255;
		if (valid) {
			try {
				ContentType parsed = new ContentType(contentType);
				valid = parsed.getPrimaryType() != null && parsed.getSubType() != null;
			}
			catch (ParseException ex) {
				valid = false;
			}
		}
		if (!valid) {
			problems.add(new MailProblem(field, "is not a valid MIME type (like application/pdf)"));
		}
	}

	/** Line breaks and other control characters, including the Unicode line and paragraph separators. */
	static boolean hasControl(String value) {
		return VisibleText.hasControl(value);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static long length(String value) {
		return value == null ? 0 : value.length();
	}

	private static String readable(DataSize size) {
		return size.toBytes() % (1024 * 1024) == 0 ? size.toMegabytes() + " MB"
				: size.toBytes() % 1024 == 0 ? size.toKilobytes() + " KB" : size.toBytes() + " bytes";
	}

}
