package nl.salaronline.mail.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Mails one worker has claimed in one go. The token marks them as this claim's; an outcome is recorded only while the
 * mail still carries it, so a worker whose lease ran out (and whose mails were taken over) changes nothing.
 *
 * @param until the lease: after it, another worker may take these mails over
 * @param attachmentBytes the size of each mail's attachments together, for mails that have any
 */
record Claim(String token, Instant until, List<OutboxMail> mails, Map<String, Long> attachmentBytes) {

	static Claim none() {
		return new Claim(null, Instant.EPOCH, List.of(), Map.of());
	}

	long attachmentBytesOf(OutboxMail mail) {
		return attachmentBytes.getOrDefault(mail.getId(), 0L);
	}

	boolean isEmpty() {
		return mails.isEmpty();
	}

}
