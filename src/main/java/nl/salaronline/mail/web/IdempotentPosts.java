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
 * endpoints answer as before, at no extra cost.
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
		IdempotentAnswer answer = requests.answer(user.getName(), key, hash, () -> {
			ResponseEntity<?> fresh = store.get();
			URI location = fresh.getHeaders().getLocation();
			return IdempotentAnswer.of(fresh.getStatusCode().value(), location == null ? null : location.toString(),
					json.writeValueAsString(fresh.getBody()));
		});
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
