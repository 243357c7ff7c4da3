package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static nl.salaronline.mail.MailFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jasypt.encryption.StringEncryptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpSecurity;

/**
 * A server that hangs up without a word, at any step of the conversation, is a passing trouble (a restart, a
 * fail-over): the mail waits and is tried again, never FAILED after one attempt with the bare {@code [EOF]} the
 * client library reports; the Verzendlog says in Dutch what happened. Once the server answers again the mail is SENT.
 */
@MailTest
class ConnectionLostTests {

	private static final Duration DELIVERY = Duration.ofSeconds(30);

	private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: (\\S+)$");

	@Autowired
	private MailService mailService;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private StringEncryptor encryptor;

	@Autowired
	private MessageSource messages;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Users users;

	@ParameterizedTest
	@EnumSource(HangingUpSmtpServer.Step.class)
	void aServerThatHangsUpIsTriedAgainUntilItAnswers(HangingUpSmtpServer.Step step) throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor Verbroken");
		Employer bakery = fixtures.employer(account, "Bakkerij De Korenbloem");
		try (HangingUpSmtpServer server = new HangingUpSmtpServer(step)) {
			new OwnSmtpLevels(jdbc, encryptor).use(bakery, server.port(), SmtpSecurity.NONE, "smtp@korenbloem.nl",
					"bakker-geheim", null);
			MailId id = mailService.send(OutgoingMail.toEmployee(bakery.getCode(), recipient("werknemer"),
					"Loonstrook", "Tekst"));

			await(DELIVERY, "the server hung up twice", () -> server.hangUps.get() >= 2);
			await(DELIVERY, "the failed attempt is recorded", () -> report(id).lastError() != null);
			MailReport waiting = report(id);
			assertThat(waiting.status()).isIn(MailStatus.QUEUED, MailStatus.SENDING);
			assertThat(waiting.lastError()).startsWith("Geen antwoord").contains("verbrak de verbinding")
				.doesNotContain("EOF");
			if (step == HangingUpSmtpServer.Step.AFTER_DOT) {
				assertThat(waiting.lastError()).contains("kan toch zijn afgeleverd");
			}
			assertThat(lastFailure(id)).isEqualTo("CONNECTION_LOST");
			// the accountant's Verzendlog: the Dutch advice and reply, not the client library's "[EOF]"
			mvc.perform(get("/werkgever/{code}/verzendlog", bakery.getCode()).session(login(account)))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString(HtmlUtils.htmlEscape(
						messages.getMessage("smtp.failure.CONNECTION_LOST", null, Locale.forLanguageTag("nl"))))))
				.andExpect(content().string(containsString("Geen antwoord")))
				.andExpect(content().string(not(containsString("EOF"))));

			server.heal();
			await(DELIVERY, "the mail is SENT", () -> report(id).status() == MailStatus.SENT);
			assertThat(report(id).attempts()).isGreaterThanOrEqualTo(3);
			assertThat(report(id).lastError()).isNull();
			assertThat(server.accepted.get()).isEqualTo(1);
			if (step == HangingUpSmtpServer.Step.AFTER_DOT) {
				// every copy the server read, the unanswered ones too, carries the one Message-ID of the mail
				assertThat(server.messages).hasSizeGreaterThanOrEqualTo(3);
				assertThat(server.messages.stream().map(ConnectionLostTests::messageId).distinct())
					.containsExactly("<" + id.value() + "@salaronline.nl>");
			}
			else {
				assertThat(server.messages).hasSize(1);
			}
		}
	}

	private MockHttpSession login(Account account) throws Exception {
		String username = "acc" + MailFixtures.unique();
		users.create(username, "wachtwoord-" + username, Role.ACCOUNTANT, account.getId());
		return (MockHttpSession) mvc.perform(formLogin().user(username).password("wachtwoord-" + username))
			.andExpect(authenticated())
			.andReturn()
			.getRequest()
			.getSession(false);
	}

	private MailReport report(MailId id) {
		return mailService.find(id).orElseThrow();
	}

	private String lastFailure(MailId id) {
		return jdbc.sql("select last_failure from mail where id = :id").param("id", id.value()).query(String.class)
			.single();
	}

	private static String messageId(String message) {
		Matcher matcher = MESSAGE_ID.matcher(message);
		assertThat(matcher.find()).as("a Message-ID header").isTrue();
		return matcher.group(1);
	}

}
