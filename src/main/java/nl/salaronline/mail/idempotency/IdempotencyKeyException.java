package nl.salaronline.mail.idempotency;

/** A request's {@code Idempotency-Key} cannot be honoured; {@link #reason()} says why. */
public class IdempotencyKeyException extends RuntimeException {

	public enum Reason {

		/** Not 1 to 255 printable ASCII characters: {@code 400}. */
		INVALID,

		/** Used before (within 24 hours) with another request body or endpoint: {@code 422}. */
		REUSED,

		/** A request with this key is still being processed: {@code 409}, to be retried a moment later. */
		IN_FLIGHT

	}

	private final Reason reason;

	IdempotencyKeyException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}

}
