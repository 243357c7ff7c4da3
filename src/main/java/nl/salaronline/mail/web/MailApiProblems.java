package nl.salaronline.mail.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import nl.salaronline.mail.InvalidMailException;
import nl.salaronline.mail.MailProblem;
import nl.salaronline.mail.UnknownEmployerException;
import nl.salaronline.mail.idempotency.IdempotencyKeyException;

/**
 * The API's errors as {@code application/problem+json} (RFC 9457). A bad request names each bad field in
 * {@code errors}: {@code [{"field": "attachments[0].base64", "message": "is not valid base64"}]}; field names are
 * those of the JSON, messages are English.
 */
@RestControllerAdvice(assignableTypes = { MailApiController.class, MailBatchApiController.class,
		MailQueryController.class })
class MailApiProblems {

	@ExceptionHandler
	ProblemDetail invalid(InvalidMailException ex) {
		return withErrors(HttpStatus.BAD_REQUEST, "Invalid mail", "The mail was not accepted: see errors.",
				ex.problems());
	}

	@ExceptionHandler
	ProblemDetail unknownEmployer(UnknownEmployerException ex) {
		return withErrors(HttpStatus.NOT_FOUND, "Unknown employer", "No employer has this code.",
				List.of(new MailProblem("employerCode", "no employer has code " + ex.employerCode())));
	}

	@ExceptionHandler
	ProblemDetail notFound(MailNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No mail has this id.");
	}

	@ExceptionHandler
	ProblemDetail batchNotFound(BatchNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No batch has this id.");
	}

	@ExceptionHandler
	ProblemDetail invalidQuery(InvalidQueryException ex) {
		return withErrors(HttpStatus.BAD_REQUEST, "Invalid query", "The query was not accepted: see errors.",
				ex.problems);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> idempotencyKey(IdempotencyKeyException ex) {
		HttpStatus status = switch (ex.reason()) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case REUSED -> HttpStatus.UNPROCESSABLE_CONTENT;
			case IN_FLIGHT -> HttpStatus.CONFLICT;
		};
		String title = switch (ex.reason()) {
			case INVALID -> "Invalid Idempotency-Key";
			case REUSED -> "Idempotency-Key reused";
			case IN_FLIGHT -> "Request with this Idempotency-Key in progress";
		};
		ProblemDetail problem = withErrors(status, title, "The Idempotency-Key " + ex.getMessage() + ".",
				List.of(new MailProblem(IdempotentPosts.HEADER, ex.getMessage())));
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		if (ex.reason() == IdempotencyKeyException.Reason.IN_FLIGHT) {
			response.header(HttpHeaders.RETRY_AFTER, "1");
		}
		return response.body(problem);
	}

	@ExceptionHandler
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		MailRequestSizeLimit.TooLargeException tooLarge = MailRequestSizeLimit.tooLarge(ex);
		if (tooLarge != null) {
			return tooLarge.problem();
		}
		return withErrors(HttpStatus.BAD_REQUEST, "Invalid mail", "The body is not valid JSON.",
				List.of(new MailProblem("", "the body must be a JSON object")));
	}

	@ExceptionHandler
	ProblemDetail unsupportedType(HttpMediaTypeNotSupportedException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the mail as application/json.");
	}

	private static ProblemDetail withErrors(HttpStatus status, String title, String detail, List<MailProblem> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setProperty("errors",
				errors.stream().map(error -> Map.of("field", error.field(), "message", error.message())).toList());
		return problem;
	}

	/** {@code GET /api/v1/mail-batches/{id}} for an id no batch has. */
	static class BatchNotFoundException extends RuntimeException {

		BatchNotFoundException(String id) {
			super("No batch " + id);
		}

	}

	/** {@code GET /api/v1/mails} with bad parameters, each named. */
	static class InvalidQueryException extends RuntimeException {

		private final List<MailProblem> problems;

		InvalidQueryException(List<MailProblem> problems) {
			super("Invalid query: " + problems.stream().map(MailProblem::field).toList());
			this.problems = List.copyOf(problems);
		}

	}

	/** {@code GET /api/v1/mails/{id}} for an id no mail has. */
	static class MailNotFoundException extends RuntimeException {

		MailNotFoundException(String id) {
			super("No mail " + id);
		}

	}

}
