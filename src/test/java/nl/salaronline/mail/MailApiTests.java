package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.testsupport.ClientAddresses.basicFromItsOwnAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Base64;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

@MailTest
class MailApiTests {

	private static final RequestPostProcessor PAYROLL = httpBasic("payroll", "payroll");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Test
	void onlyServiceUsersMaySendOrLookUpMails() throws Exception {
		String body = mail("1001", "EMPLOYEE", MailFixtures.recipient("werknemer"));
		mvc.perform(post("/api/v1/mails").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isUnauthorized());
		mvc.perform(post("/api/v1/mails").with(basicFromItsOwnAddress("payroll", "fout")).contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isUnauthorized());
		// a screen user's right password gets the same 401 as a wrong one: the API is no password oracle
		mvc.perform(post("/api/v1/mails").with(basicFromItsOwnAddress("accountant", "accountant"))
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/mails/{id}", MailId.random().value())).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/mails/{id}", MailId.random().value()).with(basicFromItsOwnAddress("accountant", "accountant")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void aPostedMailIsStoredThenSentAndItsStatusCanBeFollowed() throws Exception {
		Employer employer = employer("Bakkerij De Korenbloem");
		String to = MailFixtures.recipient("werknemer");
		String pdf = Base64.getEncoder().encodeToString("%PDF-1.4 loonstrook".getBytes());
		String body = """
				{"employerCode":"%s","recipient":"EMPLOYEE","to":"%s","subject":"Uw loonstrook januari",
				 "text":"Beste medewerker,","html":"<p>Beste medewerker,</p>",
				 "attachments":[{"filename":"loonstrook.pdf","contentType":"application/pdf","base64":"%s"}]}"""
			.formatted(employer.getCode(), to, pdf);
		String answer = mvc.perform(post("/api/v1/mails").with(PAYROLL).contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.status").value("QUEUED"))
			.andExpect(jsonPath("$.id").value(matchesPattern("[0-9a-f-]{36}")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = JSON.readTree(answer).get("id").stringValue();

		MimeMessage message = MailDeliveryTests.awaitOne(DefaultMailServer.get(), to);
		assertThat(((InternetAddress) message.getFrom()[0]).getPersonal())
			.isEqualTo("Bakkerij De Korenbloem via SalarOnline");
		await(Duration.ofSeconds(10), "the API reports SENT", () -> "SENT".equals(lookUp(id).get("status").stringValue()));
		mvc.perform(get("/api/v1/mails/{id}", id).with(PAYROLL))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.status").value("SENT"))
			.andExpect(jsonPath("$.transport").value("DEFAULT"))
			.andExpect(jsonPath("$.from").value(org.hamcrest.Matchers.containsString("no-reply@salaronline.nl")))
			.andExpect(jsonPath("$.attempts").value(1))
			.andExpect(jsonPath("$.lastError").value(nullValue()));
	}

	@Test
	void aPayslipInBase64WithMimeLineBreaksArrivesByteForByte() throws Exception {
		Employer employer = employer("Bakkerij De Korenbloem");
		String to = MailFixtures.recipient("werknemer");
		byte[] payslip = new byte[5_000];
		new java.util.Random(7).nextBytes(payslip);
		String wrapped = Base64.getMimeEncoder().encodeToString(payslip); // CRLF after every 76 characters
		assertThat(wrapped).contains("\r\n");
		String body = """
				{"employerCode":"%s","recipient":"EMPLOYEE","to":"%s","subject":"Uw loonstrook","text":"Bijgaand.",
				 "attachments":[{"filename":"loonstrook.pdf","contentType":"application/pdf","base64":%s}]}"""
			.formatted(employer.getCode(), to, JSON.writeValueAsString(" " + wrapped + "\n"));

		mvc.perform(post("/api/v1/mails").with(PAYROLL).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isAccepted());

		MimeMessage message = MailDeliveryTests.awaitOne(DefaultMailServer.get(), to);
		jakarta.mail.Multipart parts = (jakarta.mail.Multipart) message.getContent();
		java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
		parts.getBodyPart(1).getDataHandler().writeTo(received);
		assertThat(received.toByteArray()).isEqualTo(payslip);
		// only ASCII whitespace is left out: a no-break space is not base64
		problem(post("/api/v1/mails").with(PAYROLL)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body.replace(JSON.writeValueAsString(" " + wrapped + "\n"), "\"QUJD\u00a0REVG\"")), 400)
			.andExpect(jsonPath("$.errors[0].field").value("attachments[0].base64"))
			.andExpect(jsonPath("$.errors[0].message").value("is not valid base64"));
	}

	@Test
	void everyBadFieldIsNamedInTheProblem() throws Exception {
		String body = """
				{"recipient":"BOSS","to":"geen-adres","subject":"Loonstrook\\r\\nBcc: spion@elders.nl",
				 "attachments":[{"filename":"../../etc/passwd","contentType":"pdf","base64":"niet*base64"},
				                {"filename":12,"contentType":"application/pdf"}]}""";
		problem(post("/api/v1/mails").with(PAYROLL).contentType(MediaType.APPLICATION_JSON).content(body), 400)
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("employerCode", "recipient", "to",
					"subject", "text", "html", "attachments[0].filename", "attachments[0].contentType",
					"attachments[0].base64", "attachments[1].filename", "attachments[1].base64")))
			.andExpect(jsonPath("$.errors[?(@.field == 'recipient')].message").value(hasItem("must be EMPLOYER or EMPLOYEE")))
			.andExpect(jsonPath("$.errors[?(@.field == 'attachments[0].base64')].message").value(hasItem("is not valid base64")));
	}

	@Test
	void wrongTypesAreNamedPerField() throws Exception {
		String body = """
				{"employerCode":1001,"recipient":["EMPLOYEE"],"to":{"address":"a@b.nl"},"subject":true,
				 "text":5,"attachments":"loonstrook.pdf"}""";
		problem(post("/api/v1/mails").with(PAYROLL).contentType(MediaType.APPLICATION_JSON).content(body), 400)
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("employerCode", "recipient", "to",
					"subject", "text", "html", "attachments")))
			.andExpect(jsonPath("$.errors[?(@.field == 'to')].message").value(hasItem("must be a string")));
	}

	@Test
	void malformedJsonIsABadRequestNotAServerError() throws Exception {
		problem(post("/api/v1/mails").with(PAYROLL).contentType(MediaType.APPLICATION_JSON).content("{\"to\": "), 400)
			.andExpect(jsonPath("$.errors[0].message").value("the body must be a JSON object"));
		problem(post("/api/v1/mails").with(PAYROLL).contentType(MediaType.APPLICATION_JSON).content("[1,2]"), 400);
	}

	@Test
	void anUnknownEmployerCodeIsNotFound() throws Exception {
		problem(post("/api/v1/mails").with(PAYROLL).contentType(MediaType.APPLICATION_JSON)
			.content(mail("X" + MailFixtures.unique(), "EMPLOYEE", "a@werknemer.nl")), 404)
			.andExpect(jsonPath("$.errors[0].field").value("employerCode"));
	}

	@Test
	void anAttachmentOverTheLimitIsNamedAndAHugeBodyIsRefusedWhole() throws Exception {
		Employer employer = employer("Fietsenmaker Jansen");
		String sixMegabytes = Base64.getEncoder().encodeToString(new byte[6 * 1024 * 1024]);
		String body = """
				{"employerCode":"%s","recipient":"EMPLOYEE","to":"a@werknemer.nl","subject":"Groot","text":"x",
				 "attachments":[{"filename":"groot.pdf","contentType":"application/pdf","base64":"%s"}]}"""
			.formatted(employer.getCode(), sixMegabytes);
		problem(post("/api/v1/mails").with(PAYROLL).contentType(MediaType.APPLICATION_JSON).content(body), 400)
			.andExpect(jsonPath("$.errors[0].field").value("attachments[0].base64"));

		String tenMegabytes = Base64.getEncoder().encodeToString(new byte[10 * 1024 * 1024]);
		problem(post("/api/v1/mails").with(PAYROLL).contentType(MediaType.APPLICATION_JSON)
			.content(body.replace(sixMegabytes, tenMegabytes)), 413);
	}

	@Test
	void anUnknownMailIdIsNotFound() throws Exception {
		problem(get("/api/v1/mails/{id}", MailId.random().value()).with(PAYROLL), 404);
		problem(get("/api/v1/mails/{id}", "geen-id").with(PAYROLL), 404);
	}

	private ResultActions problem(org.springframework.test.web.servlet.RequestBuilder request, int status)
			throws Exception {
		return mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status));
	}

	private JsonNode lookUp(String id) {
		try {
			return JSON.readTree(mvc.perform(get("/api/v1/mails/{id}", id).with(PAYROLL))
				.andReturn()
				.getResponse()
				.getContentAsString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Employer employer(String name) {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor API");
		return fixtures.employer(account, name);
	}

	private static String mail(String employerCode, String recipient, String to) {
		return """
				{"employerCode":"%s","recipient":"%s","to":"%s","subject":"Loonstrook","text":"Tekst"}"""
			.formatted(employerCode, recipient, to);
	}

}
