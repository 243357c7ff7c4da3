package nl.salaronline.mail.idempotency;

/**
 * What a POST with an {@code Idempotency-Key} was answered, as stored with the key.
 *
 * @param status the HTTP status
 * @param location the Location header, or {@code null}
 * @param body the JSON body
 * @param replayed whether this is the stored answer to an earlier request with the key
 */
public record IdempotentAnswer(int status, String location, String body, boolean replayed) {

	public static IdempotentAnswer of(int status, String location, String body) {
		return new IdempotentAnswer(status, location, body, false);
	}

}
