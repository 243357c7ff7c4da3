package nl.salaronline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;

/**
 * The host rows of the hostile-input table that need {@code salaronline.mail.allow-private-hosts=false} (as under
 * prod): every spelling of a loopback, private, link-local or metadata address is refused in Dutch and not saved.
 * Same annotations as {@code SmtpSettingsStrictHostsTests}, so the two share one context.
 */
@SpringBootTest(properties = "salaronline.mail.allow-private-hosts=false")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictHostInputTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private Users users;

	private Account account;

	private MockHttpSession session;

	@BeforeAll
	void signIn() throws Exception {
		String unique = HostileInputTests.unique();
		account = accounts.save(new Account("Strikt " + unique, "info@strikt-" + unique + ".nl"));
		users.create("strikt-" + unique, "geheim-wachtwoord", Role.ACCOUNTANT, account.getId());
		session = (MockHttpSession) mvc.perform(formLogin().user("strikt-" + unique).password("geheim-wachtwoord"))
			.andReturn()
			.getRequest()
			.getSession(false);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "localhost", "LOCALHOST.", "127.0.0.1", "127.1", "0x7f.1", "0177.0.0.1", "2130706433",
			"[::1]", "::1", "::ffff:127.0.0.1", "169.254.169.254", "10.0.0.25", "192.168.1.10", "172.16.0.1", "0.0.0.0",
			"fd00::25", "fe80::1",
			// issue 16: IPv6 forms carrying an internal IPv4 address, and non-global IPv6 blocks
			"::ffff:0:10.0.0.1", "[::ffff:0:a9fe:a9fe]", "64:ff9b:1::a00:1", "64:ff9b::10.1.2.3",
			"2001:0:4136:e378:8000:63bf:f5ff:fffe", "2002:a9fe:a9fe::1", "100::25", "2001:db8::25", "192.0.2.25",
			"3fff::25" })
	void internalAddressesAreRefusedInEverySpelling(String host) throws Exception {
		MockHttpServletResponse response = mvc.perform(post("/gebruiker/smtp-instellingen/bewerken").session(session)
			.with(csrf())
			.param("enabled", "true").param("host", host).param("port", "587").param("username", "info@kantoor.nl")
			.param("security", "STARTTLS").param("password", "geheim").param("version", ""))
			.andReturn()
			.getResponse();
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(body).contains("is-invalid");
		assertThat(body.contains("Dit adres hoort bij een intern of lokaal netwerk.")
				|| body.contains(HostileInputTests.HOST_INVALID) || body.contains(HostileInputTests.HOST_UNKNOWN))
			.as(host).isTrue();
		assertThat(jdbc.sql("select count(*) from smtp_settings where account_id = :id")
			.param("id", account.getId()).query(Long.class).single()).isZero();
	}

}
