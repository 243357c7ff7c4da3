package nl.salaronline.mail.web;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

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

import tools.jackson.databind.JsonNode;

import nl.salaronline.mail.InvalidMailException;
import nl.salaronline.mail.MailBatchId;
import nl.salaronline.mail.MailBatchReport;
import nl.salaronline.mail.MailId;
import nl.salaronline.mail.MailProblem;
import nl.salaronline.mail.MailService;
import nl.salaronline.mail.MailStatus;
import nl.salaronline.mail.OutgoingMail;
import nl.salaronline.mail.UnknownEmployerException;
import nl.salaronline.mail.outbox.MailValidator;
import nl.salaronline.mail.outbox.OutboxProperties;

/**
 * A payroll run, or part of one, handed over in one request (SPEC section 12): 1 to {@value #MAX_MAILS} mails, stored
 * all together by {@link MailService#sendAll(List, MailBatchId)} or, when one is bad, none; each bad field is named as
 * {@code mails[i].field}. The request's size is limited before it is read ({@link MailRequestSizeLimit}).
 */
@RestController
@RequestMapping("/api/v1/mail-batches")
class MailBatchApiController {

	static final int MAX_MAILS = 1_000;

	private final MailService mails;

	private final MailValidator validator;

	private final OutboxProperties properties;

	private final IdempotentPosts idempotentPosts;

	MailBatchApiController(MailService mails, MailValidator validator, OutboxProperties properties,
			IdempotentPosts idempotentPosts) {
		this.mails = mails;
		this.validator = validator;
		this.properties = properties;
		this.idempotentPosts = idempotentPosts;
	}

	@Operation(summary = "Hand over a payroll run (1 to 1,000 mails): all are stored or none",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = ApiDescription.BatchRequest.class))))
	@ApiResponse(responseCode = "202", description = "All stored: the batch's id and its mails' ids in the order given",
			headers = @Header(name = "Location", description = "Where to follow it"),
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchAccepted.class)))
	@ApiResponse(responseCode = "400", description = "An empty or too long batch, a bad mail (errors names "
			+ "mails[i].field, also for an unknown employerCode), or a bad Idempotency-Key",
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

	private ResponseEntity<BatchAccepted> store(JsonNode body) {
		List<OutgoingMail> outgoing = read(body);
		MailBatchId batch = MailBatchId.random();
		List<MailId> ids;
		try {
			ids = mails.sendAll(outgoing, batch);
		}
		catch (UnknownEmployerException ex) {
			throw new InvalidMailException(unknownEmployer(outgoing, ex.employerCode()));
		}
		List<BatchAccepted.Item> items = new ArrayList<>(ids.size());
		for (MailId id : ids) {
			items.add(new BatchAccepted.Item(id.value(), MailStatus.QUEUED.name()));
		}
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/mail-batches/" + batch.value()))
			.body(new BatchAccepted(batch.value(), items));
	}

	/** The mails of the request; throws naming every bad field when any mail (or the request itself) is bad. */
	private List<OutgoingMail> read(JsonNode body) {
		JsonNode list = body == null || !body.isObject() ? null : body.get("mails");
		if (body == null || !body.isObject()) {
			throw new InvalidMailException(List.of(new MailProblem("", "the body must be a JSON object with mails")));
		}
		if (list == null || !list.isArray()) {
			throw new InvalidMailException(List.of(new MailProblem("mails", "must be an array of mails")));
		}
		if (list.isEmpty() || list.size() > MAX_MAILS) {
			throw new InvalidMailException(List.of(new MailProblem("mails",
					"must hold 1 to " + MAX_MAILS + " mails, not " + list.size())));
		}
		long maxAttachmentSize = properties.maxAttachmentSize().toBytes();
		List<OutgoingMail> outgoing = new ArrayList<>(list.size());
		List<MailRequestReader> readers = new ArrayList<>(list.size());
		boolean unreadable = false;
		for (JsonNode item : list) {
			MailRequestReader reader = new MailRequestReader(maxAttachmentSize);
			outgoing.add(reader.read(item));
			readers.add(reader);
			unreadable |= !reader.problems().isEmpty();
		}
		if (unreadable) {
			// the service would name only what it can see; the reader's findings come first for each mail
			List<MailProblem> problems = new ArrayList<>();
			for (int i = 0; i < outgoing.size(); i++) {
				for (MailProblem problem : readers.get(i).withFindings(validator.validate(outgoing.get(i)))) {
					problems.add(new MailProblem(itemField(i, problem.field()), problem.message()));
				}
			}
			throw new InvalidMailException(problems);
		}
		return outgoing;
	}

	private static List<MailProblem> unknownEmployer(List<OutgoingMail> outgoing, String code) {
		List<MailProblem> problems = new ArrayList<>();
		for (int i = 0; i < outgoing.size(); i++) {
			String given = outgoing.get(i).employerCode();
			if (given != null && given.strip().equals(code)) {
				problems.add(new MailProblem(itemField(i, "employerCode"), "no employer has code " + code));
			}
		}
		return problems;
	}

	private static String itemField(int index, String field) {
		return field.isEmpty() ? "mails[" + index + "]" : "mails[" + index + "]." + field;
	}

	@Operation(summary = "How far a batch has come: its mails counted by status")
	@ApiResponse(responseCode = "200", description = "Every status is counted, 0 when no mail has it")
	@ApiResponse(responseCode = "404", description = "No batch has this id",
			content = @Content(mediaType = ApiDescription.PROBLEM,
					schema = @Schema(implementation = ApiDescription.Problem.class)))
	@GetMapping("/{id}")
	BatchProgress progress(@PathVariable String id) {
		MailBatchReport report = MailBatchId.parse(id)
			.flatMap(mails::findBatch)
			.orElseThrow(() -> new MailApiProblems.BatchNotFoundException(id));
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (MailStatus status : MailStatus.values()) {
			counts.put(status.name(), report.counts().getOrDefault(status, 0));
		}
		return new BatchProgress(report.id().value(), report.total(), counts);
	}

	/** The answer of {@code POST /api/v1/mail-batches}: the batch's id and its mails' ids in the order given. */
	record BatchAccepted(String id, List<Item> mails) {

		@Schema(name = "MailAcceptedInBatch")
		record Item(String id, String status) {
		}

	}

	/** The answer of {@code GET /api/v1/mail-batches/{id}}: every status is counted, 0 when no mail has it. */
	record BatchProgress(String id, int total, @Schema(description = "Mails per status; every status is present",
			example = "{\"QUEUED\":120,\"SENDING\":10,\"SENT\":368,\"FAILED\":2}") Map<String, Integer> counts) {
	}

}
