package nl.salaronline.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.json.JsonMapper;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

/** The {@code Idempotency-Key} of both POST endpoints (SPEC section 12): a retried request stores nothing new. */
@MailTest
class MailIdempotencyTests {

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

	@Test
	void aRetriedMailWithTheSameKeyIsStoredOnceAndAnsweredAlike() throws Exception {
		String subject = "Loonstrook " + MailFixtures.unique();
		String body = MailBatchApiTests.mail(employer().getCode(), MailFixtures.recipient("w"), subject);
		String key = "run-7/" + MailFixtures.unique();

		MockHttpServletResponse first = mvc.perform(mail(body).header("Idempotency-Key", key))
			.andExpect(status().isAccepted())
			.andExpect(header().doesNotExist("Idempotent-Replayed"))
			.andReturn()
			.getResponse();
		MockHttpServletResponse again = mvc.perform(mail(body).header("Idempotency-Key", key))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Idempotent-Replayed", "true"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();

		assertThat(JSON.readTree(again.getContentAsString())).isEqualTo(JSON.readTree(first.getContentAsString()));
		assertThat(again.getHeader("Location")).isEqualTo(first.getHeader("Location"));
		assertThat(stored(subject)).isEqualTo(1);
	}

	@Test
	void withoutAKeyARetryStoresASecondMail() throws Exception {
		String subject = "Loonstrook " + MailFixtures.unique();
		String body = MailBatchApiTests.mail(employer().getCode(), MailFixtures.recipient("w"), subject);
		mvc.perform(mail(body)).andExpect(status().isAccepted());
		mvc.perform(mail(body)).andExpect(status().isAccepted());
		assertThat(stored(subject)).isEqualTo(2);
	}

	@Test
	void aRetriedBatchGetsTheSameIdsAndStoresNothingNew() throws Exception {
		Employer employer = employer();
		String subject = "Run " + MailFixtures.unique();
		String body = MailBatchApiTests.batch(List.of(
				MailBatchApiTests.mail(employer.getCode(), MailFixtures.recipient("a"), subject),
				MailBatchApiTests.mail(employer.getCode(), MailFixtures.recipient("b"), subject)));
		String key = MailFixtures.unique();
		String first = mvc.perform(batch(body).header("Idempotency-Key", key))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String again = mvc.perform(batch(body).header("Idempotency-Key", key))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Idempotent-Replayed", "true"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JSON.readTree(again)).isEqualTo(JSON.readTree(first));
		assertThat(stored(subject)).isEqualTo(2);
	}

	@Test
	void theSameKeyWithAnotherBodyOrOnTheOtherEndpointIs422() throws Exception {
		Employer employer = employer();
		String subject = "Loonstrook " + MailFixtures.unique();
		String key = MailFixtures.unique();
		String body = MailBatchApiTests.mail(employer.getCode(), MailFixtures.recipient("w"), subject);
		mvc.perform(mail(body).header("Idempotency-Key", key)).andExpect(status().isAccepted());

		problem(mail(body.replace("Zie bijlage.", "Andere tekst")).header("Idempotency-Key", key), 422)
			.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
		problem(batch(MailBatchApiTests.batch(List.of(body))).header("Idempotency-Key", key), 422)
			.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
		assertThat(stored(subject)).isEqualTo(1);
	}

	@Test
	void aKeyThatIsEmptyTooLongOrHoldsControlCharactersIsRefusedNamingTheHeader() throws Exception {
		String subject = "Loonstrook " + MailFixtures.unique();
		String body = MailBatchApiTests.mail(employer().getCode(), MailFixtures.recipient("w"), subject);
		for (String key : List.of("", "a".repeat(300), "run\u00017", "regel\neen", "sleutel\u007f", "é")) {
			problem(mail(body).header("Idempotency-Key", key), 400)
				.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
			problem(batch(MailBatchApiTests.batch(List.of(body))).header("Idempotency-Key", key), 400)
				.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
		}
		assertThat(stored(subject)).isZero();
		mvc.perform(mail(body).header("Idempotency-Key", "a".repeat(255))).andExpect(status().isAccepted());
	}

	@Test
	void aRefusedRequestKeepsNoKeySoTheCorrectedOneMayUseIt() throws Exception {
		Employer employer = employer();
		String subject = "Loonstrook " + MailFixtures.unique();
		String key = MailFixtures.unique();
		problem(mail(MailBatchApiTests.mail(employer.getCode(), "geen-adres", subject)).header("Idempotency-Key", key),
				400).andExpect(jsonPath("$.errors[0].field").value("to"));
		mvc.perform(mail(MailBatchApiTests.mail(employer.getCode(), MailFixtures.recipient("w"), subject))
			.header("Idempotency-Key", key)).andExpect(status().isAccepted());
		assertThat(stored(subject)).isEqualTo(1);
	}

	@Test
	void aKeyOlderThan24HoursIsForgotten() throws Exception {
		String subject = "Loonstrook " + MailFixtures.unique();
		String body = MailBatchApiTests.mail(employer().getCode(), MailFixtures.recipient("w"), subject);
		String key = MailFixtures.unique();
		mvc.perform(mail(body).header("Idempotency-Key", key)).andExpect(status().isAccepted());
		jdbc.update("update api_idempotency_key set created_at = ? where idempotency_key = ?",
				Instant.now().minus(25, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC), key);

		mvc.perform(mail(body).header("Idempotency-Key", key))
			.andExpect(status().isAccepted())
			.andExpect(header().doesNotExist("Idempotent-Replayed"));
		assertThat(stored(subject)).isEqualTo(2);
	}

	/** Eight clients send the same mail with the same key at once: one mail, and nobody gets another id. */
	@Test
	void concurrentRequestsWithOneKeyStoreOneMail() throws Exception {
		String subject = "Loonstrook " + MailFixtures.unique();
		String body = MailBatchApiTests.mail(employer().getCode(), MailFixtures.recipient("w"), subject);
		String key = MailFixtures.unique();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Callable<MockHttpServletResponse>> posts = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				posts.add(() -> mvc.perform(mail(body).header("Idempotency-Key", key)).andReturn().getResponse());
			}
			List<String> ids = new ArrayList<>();
			for (Future<MockHttpServletResponse> answer : clients.invokeAll(posts)) {
				MockHttpServletResponse response = answer.get();
				assertThat(response.getStatus()).as(response.getContentAsString()).isIn(202, 409);
				if (response.getStatus() == 202) {
					ids.add(JSON.readTree(response.getContentAsString()).get("id").stringValue());
				}
				else {
					assertThat(response.getHeader("Retry-After")).isEqualTo("1");
				}
			}
			assertThat(ids).isNotEmpty();
			assertThat(ids).allMatch(ids.get(0)::equals);
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(stored(subject)).isEqualTo(1);
	}

	private int stored(String subject) {
		return jdbc.queryForObject("select count(*) from mail where subject = ?", Integer.class, subject);
	}

	private ResultActions problem(MockHttpServletRequestBuilder request, int status) throws Exception {
		return mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status));
	}

	private static MockHttpServletRequestBuilder mail(String body) {
		return post("/api/v1/mails").with(PAYROLL).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static MockHttpServletRequestBuilder batch(String body) {
		return post("/api/v1/mail-batches").with(PAYROLL).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private Employer employer() {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		return fixtures.employer(fixtures.account("Kantoor Idempotent"), "Bakkerij De Korenbloem");
	}

}
