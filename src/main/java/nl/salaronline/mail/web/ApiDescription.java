package nl.salaronline.mail.web;

import java.util.List;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * What the generated OpenAPI document ({@code /v3/api-docs}) cannot see in the controllers: the JSON the endpoints
 * read field by field ({@link MailRequestReader}), the problem types, and HTTP Basic. These records only describe;
 * nothing binds to them.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "SalarOnline mail API", version = "v1",
		description = "Payroll modules hand over mails (one, or a run of up to 1,000 in a batch) and follow them. "
				+ "Authenticate as a service user with HTTP Basic. A POST with an Idempotency-Key header is carried out "
				+ "at most once per key within 24 hours: retry it with the same key after a timeout."),
		security = @SecurityRequirement(name = "basicAuth"))
@SecurityScheme(name = "basicAuth", type = SecuritySchemeType.HTTP, scheme = "basic",
		description = "A service user's name and password")
class ApiDescription {

	static final String PROBLEM = "application/problem+json";

	static final String IDEMPOTENCY_KEY = "Optional. 1 to 255 printable ASCII characters, e.g. a UUID or the run's own "
			+ "id with the mail's number. The same key from the same service user within 24 hours answers what the "
			+ "first request was answered (same status, same ids, header Idempotent-Replayed: true) and stores "
			+ "nothing new; with another body it answers 422. A retry sent while the first is still being processed gets "
			+ "the first one's answer once that is stored, or 409 when it cannot wait for it (retry after Retry-After "
			+ "seconds). A request answered 4xx stores no key, so it may be corrected and sent again with the same key.";

	@Schema(name = "Mail", description = "A mail to hand over (SPEC section 5). text and/or html is required.")
	record MailRequest(
			@Schema(description = "The employer (werkgeversnummer) the mail is about", example = "1001",
					requiredMode = Schema.RequiredMode.REQUIRED) String employerCode,
			@Schema(description = "EMPLOYEE: to an employee of the employer, sent through the employer's own SMTP "
					+ "when on; EMPLOYER: to the employer itself, through its account's own SMTP when on",
					allowableValues = { "EMPLOYER", "EMPLOYEE" },
					requiredMode = Schema.RequiredMode.REQUIRED) String recipient,
			@Schema(description = "One address, no display name", example = "jan@example.nl",
					requiredMode = Schema.RequiredMode.REQUIRED) String to,
			@Schema(description = "One line", example = "Loonstrook januari",
					requiredMode = Schema.RequiredMode.REQUIRED) String subject,
			@Schema(description = "Plain-text body", example = "Zie bijlage.") String text,
			@Schema(description = "HTML body") String html,
			@Schema(description = "Files to attach (salaronline.mail.max-attachments, max-attachment-size, "
					+ "max-mail-size)") List<Attachment> attachments) {
	}

	@Schema(name = "Attachment")
	record Attachment(@Schema(example = "loonstrook.pdf", requiredMode = Schema.RequiredMode.REQUIRED) String filename,
			@Schema(example = "application/pdf", requiredMode = Schema.RequiredMode.REQUIRED) String contentType,
			@Schema(description = "The content in base64 (line breaks allowed)", example = "JVBERi0xLjQK",
					requiredMode = Schema.RequiredMode.REQUIRED) String base64) {
	}

	@Schema(name = "MailBatch", description = "A payroll run or part of one: stored all together or not at all")
	record BatchRequest(@Schema(minLength = 1, requiredMode = Schema.RequiredMode.REQUIRED,
			description = "1 to 1,000 mails") List<MailRequest> mails) {
	}

	@Schema(name = "MailAccepted", description = "The mail is stored and will be sent")
	record MailAccepted(@Schema(example = "3f1c0a52-6a4e-4c1d-9a57-2f0e8c1b7d21") String id,
			@Schema(example = "QUEUED") String status) {
	}

	@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
	record Problem(@Schema(example = "about:blank") String type, @Schema(example = "Invalid mail") String title,
			@Schema(example = "400") int status, @Schema(example = "The mail was not accepted: see errors.") String detail,
			@Schema(example = "/api/v1/mails") String instance,
			@Schema(description = "Each bad field, parameter or header (400, 404 for an unknown employer, and the "
					+ "Idempotency-Key's 409 and 422); absent otherwise") List<ProblemField> errors) {
	}

	@Schema(name = "ProblemField")
	record ProblemField(
			@Schema(description = "The JSON field (e.g. to, attachments[0].base64, mails[3].to), the query "
					+ "parameter (e.g. size) or the header (Idempotency-Key)", example = "mails[3].to") String field,
			@Schema(example = "is not a valid e-mail address") String message) {
	}


	/**
	 * The answers every endpoint shares, added once instead of annotated on each: 401 for every refused login (the
	 * API lets service users only in, and says no more than that) and 429 after too many from one address; and for
	 * both POSTs the answers of the Idempotency-Key and of the request's size and type.
	 */
	@Bean
	OpenApiCustomizer sharedAnswers() {
		return openApi -> openApi.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, op) -> {
			ApiResponses answers = op.getResponses();
			answers.addApiResponse("401", new ApiResponse().description("No credentials, wrong ones, or those of a "
					+ "user who is not a service user (HTTP Basic): all answered alike"));
			answers.addApiResponse("429", problem("Too many failed logins from this address: retry after "
					+ "Retry-After seconds"));
			if (method == PathItem.HttpMethod.POST) {
				answers.addApiResponse("409", problem(
						"A request with this Idempotency-Key is still being processed and this one could not wait for its "
								+ "answer: retry after Retry-After seconds"));
				answers.addApiResponse("413", problem("The request is larger than the limit"));
				answers.addApiResponse("415", problem("Not sent as application/json"));
				answers.addApiResponse("422", problem("The Idempotency-Key was used with another body within 24 hours"));
			}
		}));
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM, new MediaType()
				.schema(new io.swagger.v3.oas.models.media.Schema<>().$ref("#/components/schemas/Problem"))));
	}

}
