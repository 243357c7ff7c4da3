package nl.salaronline.smtpsettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

/** SPEC section 10: the sending limit fields and the fallback checkbox on both levels' SMTP Instellingen. */
@SpringBootTest
@AutoConfigureMockMvc
class SendingLimitsScreensTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SmtpSettingsRepository settings;

	@Autowired
	private SmtpSettingsLookup lookup;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private Users users;

	private Account account;

	private Employer employer;

	private MockHttpSession session;

	@BeforeEach
	void signIn() throws Exception {
		TestLevels levels = new TestLevels(accounts, employers, users);
		account = levels.account();
		employer = levels.employer(account);
		session = TestLevels.signIn(mvc, levels.accountant(account), TestLevels.PASSWORD);
	}

	@Test
	void limitsAndFallbackAreSavedShownAgainAndUsedBySending() throws Exception {
		mvc.perform(save(werkgever(), "30", "10000").param("fallbackToDefault", "true"))
			.andExpect(redirectedUrl(werkgever()));

		mvc.perform(get(werkgever()).session(session))
			.andExpect(content().string(allOf(containsString(">Maximaal aantal e-mails per minuut<"),
					containsString(">Maximaal aantal e-mails per dag<"),
					containsString(">Bij storing versturen via SalarOnline<"), containsString("value=\"30\""),
					containsString("value=\"10000\""))));
		assertThat(lookup.forEmployer(employer.getId())).hasValueSatisfying(own -> {
			assertThat(own.maxPerMinute()).isEqualTo(30);
			assertThat(own.maxPerDay()).isEqualTo(10_000);
			assertThat(own.fallbackToDefault()).isTrue();
		});

		mvc.perform(save(werkgever(), "", " ")).andExpect(redirectedUrl(werkgever()));
		assertThat(lookup.forEmployer(employer.getId())).hasValueSatisfying(own -> {
			assertThat(own.limited()).isFalse();
			assertThat(own.fallbackToDefault()).isFalse();
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0|Vul een getal groter dan 0 in",
			"-1|Vul een heel getal in (alleen cijfers)", "abc|Vul een heel getal in (alleen cijfers)",
			"1e9|Vul een heel getal in (alleen cijfers)", "12.5|Vul een heel getal in (alleen cijfers)",
			"12345678901234567890|Vul een getal van hoogstens", "100001|Vul een getal van hoogstens" })
	void badLimitsGetADutchMessageBesideTheFieldAndNothingIsSaved(String typed, String message) throws Exception {
		for (String screen : new String[] { "/gebruiker/smtp-instellingen", werkgever() }) {
			mvc.perform(save(screen, typed, ""))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("id=\"maxPerMinute-error\""),
						containsString(message), containsString("value=\"" + typed + "\""))));
			if (!typed.equals("100001")) { // within the daily limit's range
				mvc.perform(save(screen, "", typed))
					.andExpect(status().isOk())
					.andExpect(content().string(allOf(containsString("id=\"maxPerDay-error\""),
							containsString(message))));
			}
		}
		assertThat(settings.findByAccountId(account.getId())).isEmpty();
		assertThat(settings.findByEmployerId(employer.getId())).isEmpty();
	}

	@Test
	void microsoftPresetFillsThePublishedLimitsWithoutJavaScript() throws Exception {
		mvc.perform(post(werkgever() + "/bewerken").session(session).with(csrf()).param("invullen", "1")
			.param("provider", "MICROSOFT_365"))
			.andExpect(content().string(allOf(containsString("value=\"smtp.office365.com\""),
					containsString("name=\"maxPerMinute\" value=\"30\""),
					containsString("name=\"maxPerDay\" value=\"10000\""))));
		mvc.perform(post(werkgever() + "/bewerken").session(session).with(csrf()).param("invullen", "1")
			.param("provider", "GMAIL"))
			.andExpect(content().string(allOf(containsString("name=\"maxPerMinute\" value=\"\""),
					containsString("name=\"maxPerDay\" value=\"2000\""))));
	}

	private String werkgever() {
		return "/werkgever/" + employer.getCode() + "/smtp-instellingen";
	}

	private MockHttpServletRequestBuilder save(String screen, String perMinute, String perDay) {
		String version = screen.startsWith("/gebruiker")
				? settings.findByAccountId(account.getId()).map(s -> String.valueOf(s.getVersion())).orElse("")
				: settings.findByEmployerId(employer.getId()).map(s -> String.valueOf(s.getVersion())).orElse("");
		return post(screen + "/bewerken").session(session).with(csrf()).param("enabled", "true")
			.param("_enabled", "on").param("host", "localhost").param("port", "587")
			.param("username", "info@kantoor.nl").param("security", "STARTTLS").param("password", "geheim-2026")
			.param("maxPerMinute", perMinute).param("maxPerDay", perDay).param("version", version);
	}

}
