package nl.salaronline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.View;

/**
 * Issue 16: every unhandled exception is logged once at ERROR with a short reference, and the user sees that
 * reference (the Dutch error page, or the API's problem+json), never the exception. A test-only controller throws
 * (in a controller: {@link UnexpectedErrors}) or returns a view that fails (an exception while rendering, outside any
 * controller: the servlet container's error page, {@link ReferencedErrorAttributes}); the latter needs the running
 * server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(UnexpectedErrorTests.FailingController.class)
@ExtendWith(OutputCaptureExtension.class)
class UnexpectedErrorTests {

	private static final Pattern DUTCH_REFERENCE = Pattern.compile("Vermeld referentie ([0-9a-f]{8}) als u contact");

	private static final Pattern JSON_REFERENCE = Pattern.compile("\"reference\":\"([0-9a-f]{8})\"");

	@Autowired
	private MockMvc mvc;

	@LocalServerPort
	private int port;

	@Test
	void aScreenShowsTheReferenceInDutchAndTheLogHasItWithTheException(CapturedOutput output) throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/gebruiker/test-onverwacht")
			.with(user("boekhouder").roles("ACCOUNTANT"))).andReturn().getResponse();
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(body).contains("Er ging iets mis").doesNotContain("IllegalStateException")
			.doesNotContain("kapotte testcontroller");
		String reference = found(DUTCH_REFERENCE, body);
		assertLoggedOnceAtError(output, reference, "kapotte testcontroller");
	}

	@Test
	void theApiAnswersProblemJsonWithTheReference(CapturedOutput output) throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/api/v1/test-onverwacht")
			.with(httpBasic("payroll", "payroll"))).andReturn().getResponse();
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(body).contains("\"status\":500").doesNotContain("kapotte testcontroller");
		assertLoggedOnceAtError(output, found(JSON_REFERENCE, body), "kapotte testcontroller");
	}

	@Test
	void anExceptionWhileRenderingReachesTheErrorPageWithAReferenceToo(CapturedOutput output) throws Exception {
		String credentials = Base64.getEncoder().encodeToString("payroll:payroll".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/v1/test-kapotte-weergave"))
			.header("Authorization", "Basic " + credentials)
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).doesNotContain("kapotte weergave");
		String reference = found(JSON_REFERENCE, response.body());
		assertLoggedOnceAtError(output, reference, "kapotte weergave");
		assertThat(output.getAll()).contains("reference " + reference + ", on GET /api/v1/test-kapotte-weergave");
	}

	private static String found(Pattern pattern, String body) {
		Matcher matcher = pattern.matcher(body);
		assertThat(matcher.find()).as("a reference in: " + body).isTrue();
		return matcher.group(1);
	}

	private static void assertLoggedOnceAtError(CapturedOutput output, String reference, String cause) {
		String log = output.getAll();
		assertThat(log.split("reference " + reference, -1)).as("logged once").hasSize(2);
		int at = log.indexOf("reference " + reference);
		String line = log.substring(log.lastIndexOf('\n', at) + 1, log.indexOf('\n', at));
		assertThat(line).contains("ERROR");
		assertThat(log.substring(at)).as("with the exception").contains(cause);
	}

	@Controller
	static class FailingController {

		@GetMapping({ "/gebruiker/test-onverwacht", "/api/v1/test-onverwacht" })
		String fails() {
			throw new IllegalStateException("kapotte testcontroller");
		}

		@GetMapping("/api/v1/test-kapotte-weergave")
		View rendersAViewThatFails() {
			return (model, request, response) -> {
				throw new IllegalStateException("kapotte weergave");
			};
		}

	}

}
