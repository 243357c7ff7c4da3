package nl.salaronline.mail.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import nl.salaronline.mail.InvalidMailException;
import nl.salaronline.mail.MailProblem;
import nl.salaronline.mail.UnknownEmployerException;

/**
 * The API's errors as {@code application/problem+json} (RFC 9457). A bad request names each bad field in
 * {@code errors}: {@code [{"field": "attachments[0].base64", "message": "is not valid base64"}]}; field names are
 * those of the JSON, messages are English.
 */
@RestControllerAdvice(assignableTypes = MailApiController.class)
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
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		if (MailRequestSizeLimit.isTooLarge(ex)) {
			return MailRequestSizeLimit.problem();
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

	/** {@code GET /api/v1/mails/{id}} for an id no mail has. */
	static class MailNotFoundException extends RuntimeException {

		MailNotFoundException(String id) {
			super("No mail " + id);
		}

	}

}
