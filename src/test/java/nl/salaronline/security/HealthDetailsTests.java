package nl.salaronline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 16, point 5: {@code /actuator/health} shows the database, the disk (with its path) and the backlog of every
 * tenant only to an admin. Everyone else, a load balancer too, sees the status alone.
 */
@SpringBootTest
@AutoConfigureMockMvc
class HealthDetailsTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void anAdminSeesTheDetails() throws Exception {
		String body = health(get("/actuator/health").session(login("admin", "admin")));
		assertThat(body).contains("\"components\"", "\"db\"", "\"diskSpace\"", "\"outbox\"", "\"path\"");
	}

	@Test
	void anAccountantAnAnonymousVisitorAndTheServiceUserSeeTheStatusOnly() throws Exception {
		for (MockHttpServletResponse response : new MockHttpServletResponse[] {
				perform(get("/actuator/health").session(login("accountant", "accountant"))),
				perform(get("/actuator/health").session(login("ander", "ander"))),
				perform(get("/actuator/health")),
				perform(get("/actuator/health").with(httpBasic("payroll", "payroll"))) }) {
			assertThat(response.getStatus()).isIn(200, 503);
			// the names of the probe groups are no detail
			assertThat(response.getContentAsString())
				.matches("\\{(\"groups\":\\[\"liveness\",\"readiness\"],)?\"status\":\"(UP|DOWN)\"}");
		}
	}

	@Test
	void aLoadBalancerStillReadsTheProbesWithoutSigningIn() throws Exception {
		for (String probe : new String[] { "/actuator/health", "/actuator/health/liveness",
				"/actuator/health/readiness" }) {
			MockHttpServletResponse response = perform(get(probe));
			assertThat(response.getStatus()).as(probe).isEqualTo(200);
			assertThat(response.getContentAsString()).as(probe).contains("\"status\":\"UP\"").doesNotContain("details");
		}
	}

	@Test
	void oneComponentCannotBeAskedForByName() throws Exception {
		MockHttpSession accountant = login("accountant", "accountant");
		for (String component : new String[] { "db", "diskSpace", "outbox" }) {
			for (MockHttpServletResponse response : new MockHttpServletResponse[] {
					perform(get("/actuator/health/" + component)),
					perform(get("/actuator/health/" + component).session(accountant)) }) {
				assertThat(response.getStatus()).as(component).isEqualTo(404);
				assertThat(response.getContentAsString()).as(component).doesNotContain("path", "oldest", "H2");
			}
		}
		assertThat(health(get("/actuator/health/db").session(login("admin", "admin")))).contains("\"database\"");
	}

	private String health(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = perform(request);
		assertThat(response.getStatus()).isIn(200, 503);
		return response.getContentAsString();
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse();
	}

	private MockHttpSession login(String username, String password) throws Exception {
		return (MockHttpSession) mvc.perform(formLogin().user(username).password(password))
			.andExpect(authenticated().withUsername(username))
			.andReturn()
			.getRequest()
			.getSession(false);
	}

}
