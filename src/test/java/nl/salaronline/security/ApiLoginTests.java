package nl.salaronline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static nl.salaronline.testsupport.ClientAddresses.from;
import static nl.salaronline.testsupport.ClientAddresses.newAddress;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import nl.salaronline.account.Role;
import nl.salaronline.account.Users;

/**
 * Issue 16, point 1, against the running application: the API lets only service users in, answers every other login
 * with the same 401 (so it is no oracle for screen users' passwords), and slows failed logins per client address,
 * so that failures from elsewhere never slow a payroll run.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApiLoginTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Users users;

	@Test
	void screenUsersUnknownNamesAndWrongPasswordsAllGetTheSame401() throws Exception {
		List<String> answers = new ArrayList<>();
		for (String[] login : new String[][] { { "accountant", "accountant" }, { "admin", "admin" },
				{ "ander", "ander" }, { "ACCOUNTANT", "accountant" }, { "nobody", "nobody" }, { "payroll", "fout" },
				{ "payroll", "" }, { "", "" }, { "pay\u0000roll", "payroll" }, { "payroll\r\n", "payroll" },
				{ "x".repeat(10_000), "x" } }) {
			MockHttpServletResponse response = api(httpBasic(login[0], login[1]), newAddress());
			assertThat(response.getStatus()).as(login[0]).isEqualTo(401);
			answers.add(response.getHeader("WWW-Authenticate") + " " + response.getContentAsString()
					+ response.getErrorMessage());
		}
		assertThat(answers).as("nothing tells the reasons apart").containsOnly(answers.get(0));
		assertThat(answers.get(0)).startsWith("Basic realm=\"SalarOnline API\"");
		assertThat(api(httpBasic("payroll", "payroll"), newAddress()).getStatus()).isEqualTo(404);
	}

	@Test
	void aScreenUsersRightPasswordTakesAsLongAsAWrongOne() throws Exception {
		// medians of interleaved runs, and only a coarse bound: all four must cost one BCrypt check, not nothing
		List<Long> unknown = new ArrayList<>();
		List<Long> screenUser = new ArrayList<>();
		List<Long> wrong = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			unknown.add(nanos(httpBasic("nobody-" + i, "x")));
			screenUser.add(nanos(httpBasic("accountant", "accountant")));
			wrong.add(nanos(httpBasic("payroll", "fout-" + i)));
		}
		long reference = median(wrong);
		assertThat(median(unknown)).as("unknown name").isGreaterThan(reference / 4);
		assertThat(median(screenUser)).as("screen user's right password").isGreaterThan(reference / 4);
	}

	@Test
	void failedLoginsFromOneAddressAreAnswered429WithoutACheckAndOtherAddressesAndThePayrollRunGoOn()
			throws Exception {
		String attacker = newAddress();
		String payrollHost = newAddress();
		String secondService = "dienst-" + HostileInputTests.unique();
		users.create(secondService, "dienst-wachtwoord", Role.SERVICE, null);
		assertThat(api(httpBasic("payroll", "payroll"), payrollHost).getStatus()).as("payroll run starts")
			.isEqualTo(404);
		for (int i = 0; i < 10; i++) {
			assertThat(api(httpBasic("admin", "guess-" + i), attacker).getStatus()).isEqualTo(401);
		}
		MockHttpServletResponse throttled = api(httpBasic("admin", "admin"), attacker);
		assertThat(throttled.getStatus()).isEqualTo(429);
		assertThat(throttled.getHeader("Retry-After")).isEqualTo("1");
		assertThat(throttled.getContentType()).isEqualTo("application/problem+json");
		assertThat(throttled.getContentAsString()).contains("Too many failed logins");
		// no password is checked meanwhile: the right password of a service user gets the same 429
		assertThat(api(httpBasic(secondService, "dienst-wachtwoord"), attacker).getStatus()).isEqualTo(429);

		assertThat(api(httpBasic("payroll", "payroll"), payrollHost).getStatus()).as("payroll run goes on")
			.isEqualTo(404);
		assertThat(api(httpBasic("payroll", "payroll"), attacker).getStatus())
			.as("no guess is tested against the remembered payroll login either")
			.isEqualTo(429);
		assertThat(api(httpBasic("payroll", "fout"), newAddress()).getStatus()).as("another address")
			.isEqualTo(401);
		assertThat(api(httpBasic(secondService, "dienst-wachtwoord"), newAddress()).getStatus())
			.as("another address").isEqualTo(404);

		Thread.sleep(1_100);
		assertThat(api(httpBasic("admin", "admin"), attacker).getStatus()).as("checked again after the wait")
			.isEqualTo(401);
		assertThat(api(httpBasic("admin", "admin"), attacker).getHeader("Retry-After")).isEqualTo("2");
	}

	private long nanos(RequestPostProcessor login) throws Exception {
		long start = System.nanoTime();
		assertThat(api(login, newAddress()).getStatus()).isEqualTo(401);
		return System.nanoTime() - start;
	}

	private static long median(List<Long> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}

	private MockHttpServletResponse api(RequestPostProcessor login, String address) throws Exception {
		return mvc.perform(get("/api/v1/mails/{id}", "00000000-0000-0000-0000-000000000000").with(login)
			.with(from(address))).andReturn().getResponse();
	}

}
