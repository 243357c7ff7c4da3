package nl.salaronline.mail.outbox;

import java.time.Instant;
import java.util.List;

/**
 * Mails one worker has claimed in one go, in the order they were handed over. The token marks them as this claim's;
 * an outcome is recorded only while the mail still carries it, so a worker whose lease ran out (and whose mails were
 * taken over) changes nothing.
 *
 * @param until the lease: after it, another worker may take these mails over
 */
record Claim(String token, Instant until, List<ClaimedMail> mails) {

	static Claim none() {
		return new Claim(null, Instant.EPOCH, List.of());
	}

	boolean isEmpty() {
		return mails.isEmpty();
	}

}
