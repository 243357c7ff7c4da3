package nl.salaronline.mail;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The id of a batch of mails handed over together ({@code POST /api/v1/mail-batches}): a random UUID. */
public record MailBatchId(String value) {

	public MailBatchId {
		Objects.requireNonNull(value, "value");
	}

	public static MailBatchId random() {
		return new MailBatchId(UUID.randomUUID().toString());
	}

	/** The id for a string from a URL, or empty when it cannot be one of ours. */
	public static Optional<MailBatchId> parse(String value) {
		try {
			return Optional.of(new MailBatchId(UUID.fromString(value).toString()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return Optional.empty();
		}
	}

	@Override
	public String toString() {
		return value;
	}

}
