package nl.salaronline.smtpsettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Users;
import nl.salaronline.employer.EmployerRepository;

/**
 * With {@code salaronline.mail.allow-private-hosts=false} (as under the prod profile), saving refuses a server that
 * resolves to a loopback, private or link-local address. Saving makes no connection, so a public documentation
 * address can be saved here without any traffic leaving the machine.
 */
@SpringBootTest(properties = "salaronline.mail.allow-private-hosts=false")
@AutoConfigureMockMvc
class SmtpSettingsStrictHostsTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SmtpSettingsRepository settings;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private Users users;

	private Account account;

	private MockHttpSession session;

	@BeforeEach
	void signIn() throws Exception {
		TestLevels levels = new TestLevels(accounts, employers, users);
		account = levels.account();
		String username = levels.accountant(account);
		session = TestLevels.signIn(mvc, username, TestLevels.PASSWORD);
	}

	@Test
	void aServerOnAnInternalOrLocalNetworkIsRefusedOnSave() throws Exception {
		for (String host : List.of("localhost", "127.0.0.1", "10.0.0.25", "192.168.1.10", "169.254.169.254", "::1",
				"::ffff:127.0.0.1", "fd00::25")) {
			mvc.perform(save(host))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString(
						"Dit adres hoort bij een intern of lokaal netwerk. Vul het openbare adres van uw SMTP-server in.")));
		}
		assertThat(settings.findByAccountId(account.getId())).isEmpty();
	}

	@Test
	void aPublicServerIsSaved() throws Exception {
		// a literal, so no DNS is asked (192.0.2.25, documentation, is refused since the IANA registries are checked)
		mvc.perform(save("193.0.6.139")).andExpect(status().isFound());
		assertThat(settings.findByAccountId(account.getId())).hasValueSatisfying(
				stored -> assertThat(stored.getHost()).isEqualTo("193.0.6.139"));
	}

	private MockHttpServletRequestBuilder save(String host) {
		return post("/gebruiker/smtp-instellingen/bewerken").session(session).with(csrf())
			.param("enabled", "true").param("host", host).param("port", "587").param("username", "info@kantoor.nl")
			.param("security", "STARTTLS").param("password", "geheim").param("version", "");
	}

}
