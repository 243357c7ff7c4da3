package nl.salaronline.mail.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.Principal;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import nl.salaronline.mail.idempotency.IdempotentAnswer;
import nl.salaronline.mail.idempotency.IdempotentRequests;
import nl.salaronline.mail.idempotency.RequestDigest;

/**
 * The two POST endpoints with an {@code Idempotency-Key}: the answer is written as JSON once, stored with the key and
 * sent; a repeated request gets the stored text back with {@code Idempotent-Replayed: true}. Without the header the
 * endpoints answer the same JSON text ({@link #withoutKey}), with nothing stored.
 */
@Component
class IdempotentPosts {

	static final String HEADER = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	private final IdempotentRequests requests;

	private final JsonMapper json;

	IdempotentPosts(IdempotentRequests requests, JsonMapper json) {
		this.requests = requests;
		this.json = json;
	}

	/** {@code 202} with {@code body} and {@code location} of {@code store}'s outcome, at most once per key. */
	ResponseEntity<String> accepted(String key, HttpServletRequest request, Principal user,
			Supplier<ResponseEntity<?>> store) {
		String hash;
		try {
			hash = IdempotentRequests.isValidKey(key) ? RequestDigest.of(request) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return response(requests.answer(user.getName(), key, hash, () -> written(store.get())));
	}

	/**
	 * Without a key: {@code store}'s outcome written as JSON text too, as a keyed answer is. The text goes out with its
	 * length in one write; streamed by Jackson, Tomcat sent it chunked, and ending the chunks took a second write of
	 * every answer.
	 */
	ResponseEntity<String> withoutKey(Supplier<ResponseEntity<?>> store) {
		return response(written(store.get()));
	}

	private IdempotentAnswer written(ResponseEntity<?> fresh) {
		URI location = fresh.getHeaders().getLocation();
		return IdempotentAnswer.of(fresh.getStatusCode().value(), location == null ? null : location.toString(),
				json.writeValueAsString(fresh.getBody()));
	}

	private static ResponseEntity<String> response(IdempotentAnswer answer) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.valueOf(answer.status()))
			.contentType(MediaType.APPLICATION_JSON);
		if (answer.location() != null) {
			response.location(URI.create(answer.location()));
		}
		if (answer.replayed()) {
			response.header(REPLAYED, "true");
		}
		return response.body(answer.body());
	}

}
