package nl.salaronline.mail;

import java.util.Objects;
import java.util.UUID;

/** A mail's id in the outbox: a random UUID, so ids cannot be guessed or counted. */
public record MailId(String value) {

	public MailId {
		Objects.requireNonNull(value, "value");
	}

	public static MailId random() {
		return new MailId(UUID.randomUUID().toString());
	}

	/** The id for a string from a URL, or empty when it cannot be one of ours. */
	public static java.util.Optional<MailId> parse(String value) {
		try {
			return java.util.Optional.of(new MailId(UUID.fromString(value).toString()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return java.util.Optional.empty();
		}
	}

	@Override
	public String toString() {
		return value;
	}

}
