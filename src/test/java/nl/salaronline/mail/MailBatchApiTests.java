package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.testsupport.ClientAddresses.basicFromItsOwnAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

/** {@code POST /api/v1/mail-batches} and {@code GET /api/v1/mail-batches/{id}} (SPEC section 12). */
@MailTest
class MailBatchApiTests {

	private static final RequestPostProcessor PAYROLL = httpBasic("payroll", "payroll");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private JdbcTemplate jdbc;

	@LocalServerPort
	private int port;

	@Test
	void aRunIsStoredInTheOrderGivenSentAndItsProgressCounted() throws Exception {
		Employer employer = employer();
		String subject = "Run " + MailFixtures.unique();
		List<String> recipients = List.of(MailFixtures.recipient("een"), MailFixtures.recipient("twee"),
				MailFixtures.recipient("drie"));
		List<String> mails = recipients.stream().map(to -> mail(employer.getCode(), to, subject)).toList();

		JsonNode answer = JSON.readTree(mvc.perform(post("/api/v1/mail-batches").with(PAYROLL)
			.contentType(MediaType.APPLICATION_JSON)
			.content(batch(mails)))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.mails.length()").value(3))
			.andExpect(jsonPath("$.mails[*].status").value(org.hamcrest.Matchers.everyItem(
					org.hamcrest.Matchers.is("QUEUED"))))
			.andReturn()
			.getResponse()
			.getContentAsString());
		String batch = answer.get("id").stringValue();
		for (int i = 0; i < 3; i++) {
			String id = answer.get("mails").get(i).get("id").stringValue();
			assertThat(jdbc.queryForObject("select to_address from mail where id = ?", String.class, id))
				.isEqualTo(recipients.get(i));
		}

		for (String to : recipients) {
			MailDeliveryTests.awaitOne(DefaultMailServer.get(), to);
		}
		await(Duration.ofSeconds(10), "the batch counts three SENT", () -> progress(batch).get("counts")
			.get("SENT")
			.asInt() == 3);
		mvc.perform(get("/api/v1/mail-batches/{id}", batch).with(PAYROLL))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(batch))
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.counts.QUEUED").value(0))
			.andExpect(jsonPath("$.counts.SENDING").value(0))
			.andExpect(jsonPath("$.counts.SENT").value(3))
			.andExpect(jsonPath("$.counts.FAILED").value(0));
	}

	@Test
	void oneBadMailAmongFiveHundredStoresNoneAndIsNamedByItsIndex() throws Exception {
		Employer employer = employer();
		String subject = "Run " + MailFixtures.unique();
		List<String> mails = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			mails.add(mail(employer.getCode(), i == 317 ? "geen-adres" : MailFixtures.recipient("w" + i), subject));
		}
		problem(post("/api/v1/mail-batches").with(PAYROLL).contentType(MediaType.APPLICATION_JSON)
			.content(batch(mails)), 400)
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].field").value("mails[317].to"));
		assertThat(storedWithSubject(subject)).isZero();
	}

	@Test
	void aMailThatCannotBeReadIsNamedWithTheOthersFindings() throws Exception {
		Employer employer = employer();
		String subject = "Run " + MailFixtures.unique();
		String wrongType = """
				{"employerCode":"%s","recipient":"IEMAND","to":"a@werknemer.nl","subject":"%s","text":"x"}"""
			.formatted(employer.getCode(), subject);
		problem(post("/api/v1/mail-batches").with(PAYROLL).contentType(MediaType.APPLICATION_JSON)
			.content(batch(List.of(mail(employer.getCode(), "b@werknemer.nl", subject), wrongType, "42"))), 400)
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("mails[1].recipient")))
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("mails[2]")));
		assertThat(storedWithSubject(subject)).isZero();
	}

	@Test
	void anUnknownEmployerIsNamedByTheIndexOfEveryMailForIt() throws Exception {
		Employer employer = employer();
		String subject = "Run " + MailFixtures.unique();
		String unknown = "X" + MailFixtures.unique();
		problem(post("/api/v1/mail-batches").with(PAYROLL).contentType(MediaType.APPLICATION_JSON)
			.content(batch(List.of(mail(employer.getCode(), "a@werknemer.nl", subject),
					mail(unknown, "b@werknemer.nl", subject)))), 400)
			.andExpect(jsonPath("$.errors[0].field").value("mails[1].employerCode"));
		assertThat(storedWithSubject(subject)).isZero();
	}

	@Test
	void anEmptyBatchOrOneOfMoreThanAThousandMailsIsRefusedNamingMails() throws Exception {
		Employer employer = employer();
		String subject = "Run " + MailFixtures.unique();
		problem(post("/api/v1/mail-batches").with(PAYROLL).contentType(MediaType.APPLICATION_JSON)
			.content("{\"mails\":[]}"), 400).andExpect(jsonPath("$.errors[0].field").value("mails"));
		problem(post("/api/v1/mail-batches").with(PAYROLL).contentType(MediaType.APPLICATION_JSON).content("{}"), 400)
			.andExpect(jsonPath("$.errors[0].field").value("mails"));
		problem(post("/api/v1/mail-batches").with(PAYROLL).contentType(MediaType.APPLICATION_JSON).content("[]"), 400)
			.andExpect(jsonPath("$.errors[0].field").value(""));
		List<String> mails = new ArrayList<>();
		for (int i = 0; i < 1_001; i++) {
			mails.add(mail(employer.getCode(), "w" + i + "@werknemer.nl", subject));
		}
		problem(post("/api/v1/mail-batches").with(PAYROLL).contentType(MediaType.APPLICATION_JSON)
			.content(batch(mails)), 400)
			.andExpect(jsonPath("$.errors[0].field").value("mails"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("1 to 1000")));
		assertThat(storedWithSubject(subject)).isZero();
		problem(post("/api/v1/mail-batches").with(PAYROLL).contentType(MediaType.APPLICATION_JSON)
			.content("{\"mails\":"), 400);
	}

	/** The server answers from the announced length alone: the 100 MB are never sent, let alone read. */
	@Test
	void aTooLargeBatchIsRefusedBeforeItIsRead() throws Exception {
		String credentials = Base64.getEncoder().encodeToString("payroll:payroll".getBytes(StandardCharsets.UTF_8));
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/mail-batches HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
					+ "\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\nConnection: close\r\n\r\n"
					+ "{\"mails\":[").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String answer = readAll(socket.getInputStream());
			assertThat(answer).startsWith("HTTP/1.1 413")
				.contains("application/problem+json")
				.contains("\"title\":\"Batch too large\"");
		}
	}

	@Test
	void anUnknownBatchIsNotFoundAndOnlyServiceUsersMayPostOrLook() throws Exception {
		problem(get("/api/v1/mail-batches/{id}", MailBatchId.random().value()).with(PAYROLL), 404);
		problem(get("/api/v1/mail-batches/{id}", "geen-id").with(PAYROLL), 404);
		mvc.perform(post("/api/v1/mail-batches").contentType(MediaType.APPLICATION_JSON).content("{\"mails\":[]}"))
			.andExpect(status().isUnauthorized());
		mvc.perform(post("/api/v1/mail-batches").with(basicFromItsOwnAddress("accountant", "accountant"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mails\":[]}")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/mail-batches/{id}", MailBatchId.random().value())
			.with(basicFromItsOwnAddress("accountant", "accountant"))).andExpect(status().isUnauthorized());
	}

	@Test
	void theLocationOfABatchIsItsProgress() throws Exception {
		Employer employer = employer();
		String location = mvc.perform(post("/api/v1/mail-batches").with(PAYROLL)
			.contentType(MediaType.APPLICATION_JSON)
			.content(batch(List.of(mail(employer.getCode(), MailFixtures.recipient("w"), "Loonstrook")))))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/mail-batches/")))
			.andReturn()
			.getResponse()
			.getHeader("Location");
		mvc.perform(get(location).with(PAYROLL)).andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1));
	}

	private int storedWithSubject(String subject) {
		return jdbc.queryForObject("select count(*) from mail where subject = ?", Integer.class, subject);
	}

	private JsonNode progress(String batch) {
		try {
			return JSON.readTree(mvc.perform(get("/api/v1/mail-batches/{id}", batch).with(PAYROLL))
				.andReturn()
				.getResponse()
				.getContentAsString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResultActions problem(RequestBuilder request, int status) throws Exception {
		return mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status));
	}

	private Employer employer() {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		return fixtures.employer(fixtures.account("Kantoor Batch"), "Bakkerij De Korenbloem");
	}

	static String mail(String employerCode, String to, String subject) {
		return """
				{"employerCode":"%s","recipient":"EMPLOYEE","to":"%s","subject":"%s","text":"Zie bijlage."}"""
			.formatted(employerCode, to, subject);
	}

	static String batch(List<String> mails) {
		return "{\"mails\":[" + String.join(",", mails) + "]}";
	}

	/** The answer up to its end: the server may keep the connection open to swallow the body never sent. */
	private static String readAll(InputStream in) throws java.io.IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		int n;
		while ((n = in.read(buffer)) >= 0) {
			bytes.write(buffer, 0, n);
			String text = bytes.toString(StandardCharsets.UTF_8);
			if (text.contains("\r\n\r\n") && (text.endsWith("}") || text.endsWith("0\r\n\r\n"))) {
				break;
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
