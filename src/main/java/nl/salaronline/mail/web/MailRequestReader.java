package nl.salaronline.mail.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import nl.salaronline.mail.MailAttachment;
import nl.salaronline.mail.MailProblem;
import nl.salaronline.mail.OutgoingMail;
import nl.salaronline.mail.RecipientKind;

/**
 * Reads the JSON of {@code POST /api/v1/mails} field by field (rather than binding it to a class), so that a wrong
 * type, an unknown recipient kind or bad base64 in several fields is reported for each of those fields at once.
 */
final class MailRequestReader {

	/** What {@code \s} stands for in a regex: the whitespace a base64 text may be wrapped with. */
	private static final String WHITESPACE = " \t\n\u000B\f\r";

	private final long maxAttachmentSize;

	private final Map<String, MailProblem> problems = new LinkedHashMap<>();

	MailRequestReader(long maxAttachmentSize) {
		this.maxAttachmentSize = maxAttachmentSize;
	}

	/** The mail as far as it could be read; fields that could not be read are {@code null}, see {@link #problems}. */
	OutgoingMail read(JsonNode body) {
		if (body == null || !body.isObject()) {
			problem("", "the body must be a JSON object");
			return new OutgoingMail(null, null, null, null, null, null, List.of());
		}
		return new OutgoingMail(string(body, "employerCode"), recipient(body), string(body, "to"),
				string(body, "subject"), string(body, "text"), string(body, "html"), attachments(body));
	}

	List<MailProblem> problems() {
		return List.copyOf(problems.values());
	}

	/** Adds the service's own findings for fields this reader did not already find fault with. */
	List<MailProblem> withFindings(List<MailProblem> findings) {
		Map<String, MailProblem> all = new LinkedHashMap<>(problems);
		for (MailProblem finding : findings) {
			all.putIfAbsent(finding.field(), finding);
		}
		return List.copyOf(all.values());
	}

	private String string(JsonNode node, String field) {
		return string(node, field, field);
	}

	private String string(JsonNode node, String name, String field) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			problem(field, "must be a string");
			return null;
		}
		return value.stringValue();
	}

	private RecipientKind recipient(JsonNode body) {
		JsonNode value = body.get("recipient");
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isString()) {
			for (RecipientKind kind : RecipientKind.values()) {
				if (kind.name().equals(value.stringValue())) {
					return kind;
				}
			}
		}
		problem("recipient", "must be EMPLOYER or EMPLOYEE");
		return null;
	}

	private List<MailAttachment> attachments(JsonNode body) {
		JsonNode value = body.get("attachments");
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			problem("attachments", "must be an array");
			return List.of();
		}
		List<MailAttachment> attachments = new ArrayList<>();
		for (int i = 0; i < value.size(); i++) {
			String field = "attachments[" + i + "]";
			JsonNode item = value.get(i);
			if (item == null || !item.isObject()) {
				problem(field, "must be an object with filename, contentType and base64");
				attachments.add(new MailAttachment(null, null, null));
				continue;
			}
			attachments.add(new MailAttachment(string(item, "filename", field + ".filename"),
					string(item, "contentType", field + ".contentType"), content(item, field + ".base64")));
		}
		return attachments;
	}

	private byte[] content(JsonNode item, String field) {
		String base64 = string(item, "base64", field);
		if (base64 == null) {
			return null;
		}
		byte[] compact = withoutWhitespace(base64);
		if (compact.length / 4 * 3 > maxAttachmentSize + 3) {
			problem(field, "is larger than the maximum attachment size");
			return null;
		}
		try {
			return Base64.getDecoder().decode(compact);
		}
		catch (IllegalArgumentException ex) {
			problem(field, "is not valid base64");
			return null;
		}
	}

	/**
	 * The base64 text as bytes without the whitespace {@code \s} stands for in a regex (MIME-style line breaks are
	 * fine), compacted in place. The regex, and then a loop over the string's characters, each took a quarter of an API
	 * request carrying a 60 KB payslip. A character outside Latin-1 becomes {@code ?}, which the decoder refuses.
	 */
	private static byte[] withoutWhitespace(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
		if (WHITESPACE.chars().noneMatch(c -> text.indexOf(c) >= 0)) {
			return bytes; // the usual case, found by the JDK's vectorised indexOf
		}
		int length = 0;
		for (byte b : bytes) {
			if (!isWhitespace(b)) {
				bytes[length++] = b;
			}
		}
		return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r';
	}

	private void problem(String field, String message) {
		problems.putIfAbsent(field, new MailProblem(field, message));
	}

}
