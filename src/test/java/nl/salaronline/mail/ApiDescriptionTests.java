package nl.salaronline.mail;

import static nl.salaronline.testsupport.ClientAddresses.basicFromItsOwnAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import nl.salaronline.testsupport.Browser;

/** The OpenAPI document at {@code /v3/api-docs} and Swagger UI (SPEC section 12). */
@MailTest
class ApiDescriptionTests {

	private static final RequestPostProcessor PAYROLL = httpBasic("payroll", "payroll");

	@Autowired
	private MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@LocalServerPort
	private int port;

	@Test
	void theDocumentIsValidOpenApi3AndDescribesEveryApiEndpoint() throws Exception {
		OpenAPI api = document();

		Set<String> described = new TreeSet<>();
		api.getPaths().forEach((path, item) -> item.readOperationsMap()
			.keySet()
			.forEach(method -> described.add(method + " " + path)));
		Set<String> served = new TreeSet<>();
		mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().forEach(path -> {
			if (path.startsWith("/api/")) {
				info.getMethodsCondition().getMethods().forEach(verb -> served.add(verb.name() + " " + path));
			}
		}));
		assertThat(served).contains("POST /api/v1/mails", "GET /api/v1/mails", "GET /api/v1/mails/{id}",
				"POST /api/v1/mail-batches", "GET /api/v1/mail-batches/{id}");
		assertThat(described).isEqualTo(served);
		assertThat(served).noneMatch(route -> route.startsWith(RequestMethod.PUT.name()));
	}

	@Test
	void thePostsDescribeTheIdempotencyKeyTheirBodiesAndTheirProblems() throws Exception {
		OpenAPI api = document();
		for (String path : List.of("/api/v1/mails", "/api/v1/mail-batches")) {
			Operation post = api.getPaths().get(path).getPost();
			assertThat(post.getParameters()).extracting(Parameter::getName).contains("Idempotency-Key");
			assertThat(post.getRequestBody().getContent()).containsKey("application/json");
			assertThat(post.getResponses()).containsKeys("202", "400", "401", "409", "413", "415", "422", "429");
			for (String status : List.of("400", "409", "413", "422")) {
				ApiResponse problem = post.getResponses().get(status);
				assertThat(problem.getContent()).as(path + " " + status).containsKey("application/problem+json");
				assertThat(problem.getContent().get("application/problem+json").getSchema().get$ref())
					.endsWith("/Problem");
			}
		}
		assertThat(api.getComponents().getSchemas()).containsKeys("Mail", "Attachment", "MailBatch", "Problem",
				"ProblemField");
		assertThat(api.getComponents().getSchemas().get("Mail").getProperties()).containsKeys("employerCode",
				"recipient", "to", "subject", "text", "html", "attachments");
		Operation list = api.getPaths().get("/api/v1/mails").getGet();
		assertThat(list.getParameters()).extracting(Parameter::getName)
			.containsExactlyInAnyOrder("employerCode", "status", "since", "page", "size");
		assertThat(api.getComponents().getSecuritySchemes()).containsKey("basicAuth");
		api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
			assertThat(operation.getResponses()).as(path).containsKeys("401", "429").doesNotContainKey("403");
			// the security chain answers these before any controller: no body of the operation's type
			assertThat(operation.getResponses().get("401").getContent()).as(path).isNullOrEmpty();
		}));
	}

	@Test
	void onlyServiceUsersAndAdminsMayReadTheDescription() throws Exception {
		for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html")) {
			mvc.perform(get(path)).andExpect(status().isUnauthorized());
			// HTTP Basic lets service users only in (as on /api/**): a screen user's right password is no oracle here
			mvc.perform(get(path).with(basicFromItsOwnAddress("accountant", "accountant"))).andExpect(status().isUnauthorized());
			mvc.perform(get(path).with(basicFromItsOwnAddress("admin", "admin"))).andExpect(status().isUnauthorized());
			mvc.perform(get(path).with(user("accountant").roles("ACCOUNTANT"))).andExpect(status().isForbidden());
			mvc.perform(get(path).with(PAYROLL)).andExpect(status().is(org.hamcrest.Matchers.lessThan(400)));
			// an admin reads it in the signed-in screen session
			mvc.perform(get(path).with(user("admin").roles("ADMIN")))
				.andExpect(status().is(org.hamcrest.Matchers.lessThan(400)));
		}
	}

	@Test
	void swaggerUiLoadsOnlyScriptsFromItsOwnFilesUnderItsPolicy() throws Exception {
		String page = mvc.perform(get("/swagger-ui/index.html").with(PAYROLL))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy",
					org.hamcrest.Matchers.containsString("script-src 'self';")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> scripts = new ArrayList<>();
		java.util.regex.Matcher script = java.util.regex.Pattern.compile("<script([^>]*)>").matcher(page);
		while (script.find()) {
			scripts.add(script.group(1));
		}
		assertThat(scripts).isNotEmpty().allMatch(attributes -> attributes.contains("src="));
		for (String asset : List.of("swagger-ui-bundle.js", "swagger-initializer.js", "index.css")) {
			mvc.perform(get("/swagger-ui/" + asset).with(PAYROLL)).andExpect(status().isOk());
		}
	}

	/** Swagger UI renders in a real browser under the page's Content-Security-Policy, for a signed-in admin. */
	@Test
	void anAdminSignedInOnTheScreensBrowsesTheDescription() {
		try (Browser browser = new Browser(port)) {
			browser.login("admin", "admin");
			browser.open("/swagger-ui.html");
			new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
				.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .info .title")));
			new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
				.until(driver -> browser.text().contains("/api/v1/mail-batches"));
			assertThat(browser.text()).contains("SalarOnline mail API", "/api/v1/mails", "/api/v1/mail-batches/{id}");
		}
	}

	private OpenAPI document() throws Exception {
		String json = mvc.perform(get("/v3/api-docs").with(PAYROLL))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, null);
		assertThat(result.getMessages()).as("problems swagger-parser finds").isEmpty();
		assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
		return result.getOpenAPI();
	}


}
