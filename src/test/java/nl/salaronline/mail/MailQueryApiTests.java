package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.testsupport.ClientAddresses.basicFromItsOwnAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

/** {@code GET /api/v1/mails}: filters, newest first, paging without counting, and each bad parameter named. */
@MailTest
class MailQueryApiTests {

	private static final RequestPostProcessor PAYROLL = httpBasic("payroll", "payroll");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Test
	void anEmployersMailsComeNewestFirstAPageAtATime() throws Exception {
		Employer employer = employer();
		Employer other = employer();
		Instant before = Instant.now().minusSeconds(1);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(send(employer, MailFixtures.recipient("w" + i)));
		}
		send(other, MailFixtures.recipient("ander"));
		List<String> newestFirst = new ArrayList<>(ids);
		java.util.Collections.reverse(newestFirst);

		JsonNode all = query("employerCode=" + employer.getCode());
		assertThat(itemIds(all)).containsExactlyElementsOf(newestFirst);
		assertThat(all.get("hasNext").asBoolean()).isFalse();
		assertThat(all.get("size").asInt()).isEqualTo(50);

		JsonNode first = query("employerCode=" + employer.getCode() + "&size=2");
		assertThat(itemIds(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
		assertThat(first.get("hasNext").asBoolean()).isTrue();
		JsonNode second = query("employerCode=" + employer.getCode() + "&size=2&page=1");
		assertThat(itemIds(second)).containsExactlyElementsOf(newestFirst.subList(2, 3));
		assertThat(second.get("hasNext").asBoolean()).isFalse();
		assertThat(second.get("page").asInt()).isEqualTo(1);

		JsonNode item = all.get("items").get(0);
		assertThat(item.has("transport") && item.has("from") && item.has("attempts") && item.has("lastError"))
			.as("items look like GET /api/v1/mails/{id}: %s", item)
			.isTrue();

		assertThat(itemIds(query("employerCode=" + employer.getCode() + "&since=" + before))).hasSize(3);
		assertThat(itemIds(query("employerCode=" + employer.getCode() + "&since=" + Instant.now().plusSeconds(60))))
			.isEmpty();
		assertThat(itemIds(query("employerCode=X" + MailFixtures.unique()))).isEmpty();

		await(Duration.ofSeconds(15), "the three mails are SENT",
				() -> itemIds(query("employerCode=" + employer.getCode() + "&status=SENT")).size() == 3);
		assertThat(itemIds(query("employerCode=" + employer.getCode() + "&status=FAILED"))).isEmpty();
		// a moment with an offset: +01:00 is the same instant as the Z an hour earlier
		String withOffset = before.atOffset(java.time.ZoneOffset.ofHours(1)).toString();
		JsonNode sent = JSON.readTree(mvc.perform(get("/api/v1/mails").param("status", "SENT").param("size", "500")
			.param("since", withOffset).with(PAYROLL)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString());
		assertThat(itemIds(sent)).containsAll(ids);
	}

	@Test
	void eachBadParameterIsNamed() throws Exception {
		bad("size=0", "size");
		bad("size=10000", "size");
		bad("size=tien", "size");
		bad("page=-1", "page");
		bad("page=1000000", "page");
		bad("since=yesterday", "since");
		bad("since=2026-01-31", "since");
		bad("status=VERSTUURD", "status");
		bad("employerCode=", "employerCode");
		mvc.perform(get("/api/v1/mails?size=0&page=-1&since=gisteren").with(PAYROLL))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(3));
	}

	@Test
	void onlyServiceUsersMayQuery() throws Exception {
		mvc.perform(get("/api/v1/mails")).andExpect(status().isUnauthorized());
		// a screen user's right password is refused like a wrong one: the API lets service users only in
		mvc.perform(get("/api/v1/mails").with(basicFromItsOwnAddress("accountant", "accountant")))
			.andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/mails").with(PAYROLL)).andExpect(status().isOk());
	}

	private void bad(String parameters, String field) throws Exception {
		mvc.perform(get("/api/v1/mails?" + parameters).with(PAYROLL))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(field));
	}

	private String send(Employer employer, String to) throws Exception {
		MockHttpServletRequestBuilder request = post("/api/v1/mails").with(PAYROLL)
			.contentType(MediaType.APPLICATION_JSON)
			.content(MailBatchApiTests.mail(employer.getCode(), to, "Loonstrook"));
		return JSON.readTree(mvc.perform(request).andExpect(status().isAccepted()).andReturn().getResponse()
			.getContentAsString()).get("id").stringValue();
	}

	private JsonNode query(String parameters) {
		try {
			return JSON.readTree(mvc.perform(get("/api/v1/mails?" + parameters).with(PAYROLL))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> itemIds(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("items").forEach(item -> ids.add(item.get("id").stringValue()));
		return ids;
	}

	private Employer employer() {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		return fixtures.employer(fixtures.account("Kantoor Query"), "Bakkerij De Korenbloem");
	}

}
