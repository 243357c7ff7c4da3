package nl.salaronline.mail.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.salaronline.mail.InvalidMailException;
import nl.salaronline.mail.MailId;
import nl.salaronline.mail.MailProblem;
import nl.salaronline.mail.MailReport;
import nl.salaronline.mail.MailService;
import nl.salaronline.mail.MailStatus;
import nl.salaronline.mail.OutgoingMail;
import nl.salaronline.mail.outbox.MailValidator;
import nl.salaronline.mail.outbox.OutboxProperties;

/**
 * The HTTP API of SPEC section 5 for payroll modules in other processes (SERVICE users, HTTP Basic; see the security
 * module). {@code 202} means the mail is stored; errors are {@code application/problem+json} ({@link MailApiProblems}).
 * Bodies are never logged: they are payslips.
 */
@RestController
@RequestMapping("/api/v1/mails")
class MailApiController {

	private final MailService mails;

	private final MailValidator validator;

	private final OutboxProperties properties;

	private final IdempotentPosts idempotentPosts;

	MailApiController(MailService mails, MailValidator validator, OutboxProperties properties,
			IdempotentPosts idempotentPosts) {
		this.mails = mails;
		this.validator = validator;
		this.properties = properties;
		this.idempotentPosts = idempotentPosts;
	}

	// no "consumes": a wrong content type must reach MailApiProblems (415 as problem+json), and a mapping-level
	// mismatch would be answered before any handler (and its advice) is chosen
	@Operation(summary = "Hand over one mail",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = ApiDescription.MailRequest.class))))
	@ApiResponse(responseCode = "202", description = "Stored: it will be sent",
			headers = @Header(name = "Location", description = "Where to follow it"),
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = ApiDescription.MailAccepted.class)))
	@ApiResponse(responseCode = "400", description = "A bad field, or a bad Idempotency-Key; errors names each",
			content = @Content(mediaType = ApiDescription.PROBLEM,
					schema = @Schema(implementation = ApiDescription.Problem.class)))
	@ApiResponse(responseCode = "404", description = "No employer has the employerCode (errors names it)",
			content = @Content(mediaType = ApiDescription.PROBLEM,
					schema = @Schema(implementation = ApiDescription.Problem.class)))
	@PostMapping
	ResponseEntity<?> send(@RequestBody JsonNode body,
			@Parameter(description = ApiDescription.IDEMPOTENCY_KEY) @RequestHeader(name = IdempotentPosts.HEADER,
					required = false) String idempotencyKey,
			@Parameter(hidden = true) HttpServletRequest request, @Parameter(hidden = true) Principal user) {
		if (idempotencyKey == null) {
			return idempotentPosts.withoutKey(() -> store(body));
		}
		return idempotentPosts.accepted(idempotencyKey, request, user, () -> store(body));
	}

	private ResponseEntity<Map<String, String>> store(JsonNode body) {
		MailRequestReader reader = new MailRequestReader(properties.maxAttachmentSize().toBytes());
		OutgoingMail mail = reader.read(body);
		if (!reader.problems().isEmpty()) {
			List<MailProblem> problems = reader.withFindings(validator.validate(mail));
			throw new InvalidMailException(problems);
		}
		MailId id = mails.send(mail);
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/mails/" + id.value()))
			.body(Map.of("id", id.value(), "status", MailStatus.QUEUED.name()));
	}

	@Operation(summary = "What became of a mail")
	@ApiResponse(responseCode = "200", description = "The mail's status, transport, From, attempts and last error")
	@ApiResponse(responseCode = "404", description = "No mail has this id",
			content = @Content(mediaType = ApiDescription.PROBLEM,
					schema = @Schema(implementation = ApiDescription.Problem.class)))
	@GetMapping("/{id}")
	MailReportJson report(@PathVariable String id) {
		MailReport report = MailId.parse(id)
			.flatMap(mails::find)
			.orElseThrow(() -> new MailApiProblems.MailNotFoundException(id));
		return MailReportJson.of(report);
	}

	/** The answer of {@code GET /api/v1/mails/{id}}: every field is always present, {@code null} when unknown. */
	record MailReportJson(String id, String status, String transport, String from, int attempts, String lastError,
			String waitingFor, String nextAttemptAt) {

		static MailReportJson of(MailReport report) {
			return new MailReportJson(report.id().value(), report.status().name(),
					report.transport() == null ? null : report.transport().name(), report.from(), report.attempts(),
					report.lastError(), report.waitingFor(),
					// ISO-8601 in UTC, to the second: "2026-12-07T03:15:00Z"
					report.nextAttemptAt() == null ? null
							: report.nextAttemptAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
		}

	}

}
