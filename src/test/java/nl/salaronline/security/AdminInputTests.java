package nl.salaronline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.EmployerRepository;

/**
 * Account and employer names and addresses end up in mail headers (display name, Reply-To): the admin forms refuse
 * line breaks and other control characters in them, in Dutch, and store nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AdminInputTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', value = {
			"name|Kantoor {u}\\r\\nBcc: spion@elders.nl|info@kantoor-{u}.nl|Een naam mag geen regeleinden",
			"name|Kantoor {u}\\n|info@kantoor-{u}.nl|Een naam mag geen regeleinden",
			"name|Kantoor {u}\\u0000|info@kantoor-{u}.nl|Een naam mag geen regeleinden",
			"name|Kantoor {u}\\u2028X-Injected: ja|info@kantoor-{u}.nl|Een naam mag geen regeleinden",
			"email|Kantoor {u}|info@kantoor-{u}.nl\\r\\nBcc: spion@elders.nl|e-mailadres",
			"email|Kantoor {u}|info@kantoor-{u}.nl\\n|e-mailadres",
			// issue 16: invisible characters in names, and the one address rule
			"name|Kantoor \\u202e{u}|info@kantoor-{u}.nl|Een naam mag geen regeleinden",
			"name|Kantoor \\u2066{u}\\u2069|info@kantoor-{u}.nl|Een naam mag geen regeleinden",
			"name|Kantoor\\u200b{u}|info@kantoor-{u}.nl|Een naam mag geen regeleinden",
			"email|Kantoor {u}|\"a b\"@kantoor-{u}.nl|Vul een geldig e-mailadres in",
			"email|Kantoor {u}|info@[193.0.6.139]|Vul een geldig e-mailadres in",
			"email|Kantoor {u}|zoë@kantoor-{u}.nl|letters buiten a-z",
			"email|Kantoor {u}|info\\u202e@kantoor-{u}.nl|e-mailadres" })
	void controlCharactersInAccountsAndEmployersAreRefused(String field, String name, String email, String message)
			throws Exception {
		String unique = HostileInputTests.unique();
		String typedName = unescape(name.replace("{u}", unique));
		String typedEmail = unescape(email.replace("{u}", unique));
		MockHttpServletResponse account = mvc.perform(post("/admin/accounts/new").with(user("admin").roles("ADMIN"))
			.with(csrf()).param("name", typedName).param("email", typedEmail)).andReturn().getResponse();
		assertThat(account.getStatus()).isEqualTo(200);
		assertThat(account.getContentAsString(StandardCharsets.UTF_8)).contains("is-invalid").contains(message);
		assertThat(accounts.findAll()).noneMatch(stored -> stored.getName().contains(unique));

		Long demo = accounts.findByName("Demo Accountants B.V.").orElseThrow().getId();
		MockHttpServletResponse employer = mvc.perform(post("/admin/employers/new").with(user("admin").roles("ADMIN"))
			.with(csrf()).param("code", "A" + unique).param("name", typedName).param("email", typedEmail)
			.param("accountId", demo.toString())).andReturn().getResponse();
		assertThat(employer.getStatus()).isEqualTo(200);
		assertThat(employer.getContentAsString(StandardCharsets.UTF_8)).contains("is-invalid").contains(message);
		assertThat(employers.findByCode("A" + unique)).isEmpty();
	}

	@Test
	void anAccountNameThatIsTakenIsRefusedWithADutchMessage() throws Exception {
		long before = accounts.count();
		MockHttpServletResponse created = mvc.perform(post("/admin/accounts/new").with(user("admin").roles("ADMIN"))
			.with(csrf()).param("name", " Demo Accountants B.V. ").param("email", "info@tweede-demo.nl"))
			.andReturn()
			.getResponse();
		assertThat(created.getStatus()).isEqualTo(200);
		assertThat(created.getContentAsString(StandardCharsets.UTF_8)).contains("is-invalid")
			.contains("Er bestaat al een account met deze naam.");
		assertThat(accounts.count()).isEqualTo(before);

		Long other = accounts.findByName("Andere Accountants B.V.").orElseThrow().getId();
		MockHttpServletResponse renamed = mvc.perform(post("/admin/accounts/" + other + "/edit")
			.with(user("admin").roles("ADMIN")).with(csrf()).param("name", "Demo Accountants B.V.")
			.param("email", "info@andere-accountants.nl")).andReturn().getResponse();
		assertThat(renamed.getStatus()).isEqualTo(200);
		assertThat(renamed.getContentAsString(StandardCharsets.UTF_8))
			.contains("Er bestaat al een account met deze naam.");
		assertThat(accounts.findById(other).orElseThrow().getName()).isEqualTo("Andere Accountants B.V.");
	}

	private static String unescape(String value) {
		return value.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\u0000")
			.replace("\\u2028", "\u2028").replace("\\u202e", "\u202e").replace("\\u2066", "\u2066")
			.replace("\\u2069", "\u2069").replace("\\u200b", "\u200b");
	}

}
