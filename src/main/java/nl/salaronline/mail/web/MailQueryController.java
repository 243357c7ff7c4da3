package nl.salaronline.mail.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.salaronline.employer.EmployerDirectory;
import nl.salaronline.mail.MailProblem;
import nl.salaronline.mail.MailStatus;
import nl.salaronline.mail.outbox.MailSearch;

/**
 * {@code GET /api/v1/mails} (SPEC section 12): the mails newest first, filtered by employer, status and creation
 * moment, a page at a time. Parameters are read as text so that each bad one is named in the problem, never a 500.
 */
@RestController
@RequestMapping("/api/v1/mails")
class MailQueryController {

	static final int DEFAULT_SIZE = 50;

	static final int MAX_SIZE = 500;

	/** Deep offsets read and skip every row before them; past this, narrow the query with {@code since}. */
	static final int MAX_PAGE = 10_000;

	private final MailSearch search;

	private final EmployerDirectory employers;

	MailQueryController(MailSearch search, EmployerDirectory employers) {
		this.search = search;
		this.employers = employers;
	}

	@Operation(summary = "The mails, newest first, a page at a time")
	@ApiResponse(responseCode = "200", description = "At most size mails; hasNext says whether a next page exists")
	@ApiResponse(responseCode = "400", description = "A bad parameter; errors names each",
			content = @Content(mediaType = ApiDescription.PROBLEM,
					schema = @Schema(implementation = ApiDescription.Problem.class)))
	@GetMapping
	MailsPage list(
			@Parameter(description = "Only this employer's mails (an unknown code finds none)", example = "1001")
			@RequestParam(required = false) String employerCode,
			@Parameter(description = "Only mails with this status",
					schema = @Schema(allowableValues = { "QUEUED", "SENDING", "SENT", "FAILED" }))
			@RequestParam(required = false) String status,
			@Parameter(description = "Only mails created at or after this ISO-8601 moment",
					schema = @Schema(format = "date-time"), example = "2026-01-31T00:00:00Z")
			@RequestParam(required = false) String since,
			@Parameter(description = "The page, from 0 (at most 10,000)",
					schema = @Schema(type = "integer", minimum = "0", maximum = "10000", defaultValue = "0"))
			@RequestParam(required = false) String page,
			@Parameter(description = "Mails per page", schema = @Schema(type = "integer", minimum = "1",
					maximum = "500", defaultValue = "50")) @RequestParam(required = false) String size) {
		List<MailProblem> problems = new ArrayList<>();
		MailStatus wanted = status(status, problems);
		Instant from = since(since, problems);
		int pageNumber = number(page, "page", 0, 0, MAX_PAGE, problems);
		int pageSize = number(size, "size", DEFAULT_SIZE, 1, MAX_SIZE, problems);
		if (employerCode != null && employerCode.isBlank()) {
			problems.add(new MailProblem("employerCode", "must not be empty"));
		}
		if (!problems.isEmpty()) {
			throw new MailApiProblems.InvalidQueryException(problems);
		}
		Long employerId = null;
		if (employerCode != null) {
			var employer = employers.findByCode(employerCode.strip());
			if (employer.isEmpty()) {
				return new MailsPage(List.of(), pageNumber, pageSize, false); // no employer, so none of its mails
			}
			employerId = employer.get().id();
		}
		MailSearch.Page found = search.find(new MailSearch.Criteria(employerId, wanted, from), pageNumber, pageSize);
		return new MailsPage(found.items().stream().map(MailApiController.MailReportJson::of).toList(), pageNumber,
				pageSize, found.hasNext());
	}

	private static MailStatus status(String value, List<MailProblem> problems) {
		if (value == null) {
			return null;
		}
		for (MailStatus status : MailStatus.values()) {
			if (status.name().equals(value)) {
				return status;
			}
		}
		problems.add(new MailProblem("status", "must be QUEUED, SENDING, SENT or FAILED"));
		return null;
	}

	private static Instant since(String value, List<MailProblem> problems) {
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant(); // 2026-01-31T00:00:00Z or with an offset, +01:00
		}
		catch (DateTimeParseException ex) {
			problems.add(new MailProblem("since",
					"must be an ISO-8601 moment with a time zone, such as 2026-01-31T00:00:00Z"));
			return null;
		}
	}

	private static int number(String value, String name, int absent, int min, int max, List<MailProblem> problems) {
		if (value == null) {
			return absent;
		}
		try {
			int number = Integer.parseInt(value.strip());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// named below
		}
		problems.add(new MailProblem(name, "must be a whole number from " + min + " to " + max));
		return absent;
	}

	/** The answer: at most {@code size} mails as {@code GET /api/v1/mails/{id}} shows them, newest first. */
	record MailsPage(List<MailApiController.MailReportJson> items, int page, int size, boolean hasNext) {
	}

}
