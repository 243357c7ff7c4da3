package nl.salaronline.mail;

import static nl.salaronline.mail.MailFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

/**
 * Issue 6: secrets stay secret, and no header can be injected into a mail. With everything of ours logging at DEBUG,
 * a known SMTP password is saved through the screen, probed with, sent with (successfully and failing), and every
 * page and API answer about it is fetched: the password appears in no log line and no response, neither as typed
 * nor base64-encoded as AUTH LOGIN and AUTH PLAIN put it on the wire.
 */
@MailTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsAndHeadersTests {

	private static final String KNOWN = "Bekend-Geheim-4471!";

	private static final String WRONG_KNOWN = "Ander-Geheim-9052?";

	private static final List<String> DEBUG_LOGGERS = List.of("nl.salaronline", "org.springframework.security",
			"org.eclipse.angus", "jakarta.mail");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MailService mailService;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private Users users;

	@Autowired
	private org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	private org.jasypt.encryption.StringEncryptor encryptor;

	private final List<GreenMail> servers = new ArrayList<>();

	@AfterEach
	void stop() {
		servers.forEach(GreenMail::stop);
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		DEBUG_LOGGERS.forEach(logger -> logging.setLogLevel(logger, null));
	}

	@Test
	void aKnownPasswordAppearsInNoLogLineAndNoResponse(CapturedOutput output) throws Exception {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		DEBUG_LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Geheim");
		Employer employer = fixtures.employer(account, "Bakkerij Geheim");
		String smtpUser = "loon-" + MailFixtures.unique() + "@geheim.nl";
		GreenMail right = TestSmtpServers.smtpWithAuth(smtpUser, KNOWN);
		GreenMail other = TestSmtpServers.smtpWithAuth(smtpUser, "iets-heel-anders");
		servers.addAll(List.of(right, other));
		String accountant = "geheim-" + MailFixtures.unique();
		users.create(accountant, "wachtwoord-123", Role.ACCOUNTANT, account.getId());
		MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user(accountant).password("wachtwoord-123"))
			.andReturn().getRequest().getSession(false);
		List<String> bodies = new ArrayList<>();
		String employerPath = "/werkgever/" + employer.getCode() + "/smtp-instellingen";

		// saved through the screen: the employer's level with the right password, the account's with a wrong one
		bodies.add(expect(302, mvc.perform(settings(employerPath + "/bewerken", session, TestSmtpServers.port(right),
				smtpUser, KNOWN))));
		bodies.add(expect(302, mvc.perform(settings("/gebruiker/smtp-instellingen/bewerken", session,
				TestSmtpServers.port(other), smtpUser, WRONG_KNOWN))));
		// Test verbinding with the known password against a server that does not take it: AUTH fails
		String probe = expect(200, mvc.perform(settings(employerPath + "/testen", session, TestSmtpServers.port(other),
				smtpUser, KNOWN)));
		bodies.add(probe);
		assertThat(probe).contains("535");

		MailId sent = mailService.send(OutgoingMail.toEmployee(employer.getCode(), MailFixtures.recipient("werknemer"),
				"Loonstrook", "Beste medewerker,"));
		MailId failed = mailService.send(OutgoingMail.toEmployer(employer.getCode(),
				MailFixtures.recipient("werkgever"), "Jaaropgave", "Beste werkgever,"));
		await(Duration.ofSeconds(20), "the mail through the right password is sent",
				() -> mailService.find(sent).orElseThrow().status() == MailStatus.SENT);
		await(Duration.ofSeconds(20), "the level with the wrong password stopped",
				() -> "STALLED".equals(mailService.find(failed).orElseThrow().waitingFor()));
		assertThat(right.getReceivedMessages()).hasSize(1);

		for (String url : List.of(employerPath, employerPath + "/bewerken", "/gebruiker/smtp-instellingen",
				"/gebruiker/smtp-instellingen/bewerken", "/gebruiker/verzendlog",
				"/werkgever/" + employer.getCode() + "/verzendlog")) {
			bodies.add(expect(200, mvc.perform(get(url).session(session))));
		}
		for (MailId id : List.of(sent, failed)) {
			bodies.add(expect(200, mvc.perform(get("/api/v1/mails/{id}", id.value()).with(httpBasic("payroll",
					"payroll")))));
		}
		MockHttpSession admin = (MockHttpSession) mvc.perform(formLogin().user("admin").password("admin"))
			.andReturn().getRequest().getSession(false);
		for (String url : List.of("/admin/mails", "/admin/smtp-wijzigingen", "/admin/accounts/" + account.getId(),
				"/admin/accounts", "/admin/employers")) {
			bodies.add(expect(200, mvc.perform(get(url).session(admin))));
		}

		assertThat(output.getAll()).as("DEBUG logging was on").contains("DEBUG");
		List<String> secrets = new ArrayList<>();
		for (String password : List.of(KNOWN, WRONG_KNOWN)) {
			secrets.add(password);
			secrets.add(base64(password)); // AUTH LOGIN
			secrets.add(base64("\0" + smtpUser + "\0" + password)); // AUTH PLAIN
			secrets.add(base64(smtpUser + "\0" + smtpUser + "\0" + password));
		}
		assertThat(output.getAll()).doesNotContain(secrets);
		for (String body : bodies) {
			assertThat(body).doesNotContain(secrets);
		}
	}

	@Test
	void lineBreaksInAStoredEmployerNameOrAddressAddNoHeader() throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor");
		// bypassing the admin form, as a bad import or an old row might
		Employer employer = fixtures.employer(account, "Bakkerij\r\nBcc: spion@elders.nl\r\nX-Injected: naam");
		employer.setEmail(employer.getEmail() + "\r\nX-Injected: adres");
		employers.save(employer);
		String to = MailFixtures.recipient("werknemer");
		MailId id = mailService.send(OutgoingMail.toEmployee(employer.getCode(), to, "Loonstrook", "Beste,"));
		await(Duration.ofSeconds(20), "the mail is sent or failed", () -> {
			MailStatus status = mailService.find(id).orElseThrow().status();
			return status == MailStatus.SENT || status == MailStatus.FAILED;
		});
		assertThat(mailService.find(id).orElseThrow().status()).isEqualTo(MailStatus.SENT);
		List<MimeMessage> received = Arrays.stream(DefaultMailServer.get().getReceivedMessages())
			.filter(message -> recipients(message).contains(to))
			.toList();
		for (MimeMessage message : received) {
			ByteArrayOutputStream raw = new ByteArrayOutputStream();
			message.writeTo(raw);
			String headers = raw.toString(StandardCharsets.UTF_8).split("\r\n\r\n", 2)[0];
			assertThat(headers).doesNotContainPattern("(?m)^X-Injected:").doesNotContainPattern("(?m)^Bcc:");
			assertThat(message.getHeader("X-Injected")).isNull();
			assertThat(recipients(message)).containsExactly(to);
			InternetAddress from = (InternetAddress) message.getFrom()[0];
			assertThat(from.getPersonal()).doesNotContain("\r", "\n");
			// the broken address is left out rather than folded into a garbled Reply-To
			assertThat(message.getHeader("Reply-To")).isNull();
		}
		// the spy received nothing
		assertThat(Arrays.stream(DefaultMailServer.get().getReceivedMessages())
			.anyMatch(message -> recipients(message).contains("spion@elders.nl"))).isFalse();
		assertThat(received).hasSize(1);
	}

	@Test
	void aStoredAddressWithALineBreakNeverBecomesTheEnvelopeSenderOfOwnSmtp() throws Exception {
		neverTheEnvelopeSenderOfOwnSmtp("Bakkerij Eigen", email -> email + "\r\nRCPT TO:<spion@elders.nl>");
	}

	/**
	 * Issue 16: an address the admin form once accepted, with a quoted local part, and a name with a right-to-left
	 * override, both stored directly: the sender follows the same address rule as the forms, so the address becomes
	 * no Reply-To, and the invisible character is dropped from the display name.
	 */
	@Test
	void aStoredQuotedLocalPartBecomesNoReplyToAndABidiControlNoDisplayName() throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor");
		Employer employer = fixtures.employer(account, "Bakkerij \u202eneerG");
		employer.setEmail("\"a b\"@korenbloem.nl");
		employers.save(employer);
		String to = MailFixtures.recipient("werknemer");
		MailId id = mailService.send(OutgoingMail.toEmployee(employer.getCode(), to, "Loonstrook", "Beste,"));
		await(Duration.ofSeconds(20), "the mail is sent or failed", () -> {
			MailStatus status = mailService.find(id).orElseThrow().status();
			return status == MailStatus.SENT || status == MailStatus.FAILED;
		});
		assertThat(mailService.find(id).orElseThrow().status()).isEqualTo(MailStatus.SENT);
		MimeMessage message = Arrays.stream(DefaultMailServer.get().getReceivedMessages())
			.filter(received -> recipients(received).contains(to))
			.findFirst()
			.orElseThrow();
		assertThat(message.getHeader("Reply-To")).isNull();
		assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).doesNotContain("\u202e")
			.startsWith("Bakkerij neerG");
	}

	@Test
	void aStoredQuotedLocalPartNeverBecomesTheEnvelopeSenderOfOwnSmtp() throws Exception {
		neverTheEnvelopeSenderOfOwnSmtp("Bakkerij Gequoot", email -> "\"a b\"@korenbloem.nl");
	}

	/**
	 * An employer's address stored directly (a bad import; the forms refuse it) that breaks the address rule: its
	 * own SMTP server never gets a mail with it as MAIL FROM (the mail has no route and is retried).
	 */
	private void neverTheEnvelopeSenderOfOwnSmtp(String name, UnaryOperator<String> storedEmail) throws Exception {
		MailFixtures fixtures = new MailFixtures(accounts, employers);
		Account account = fixtures.account("Kantoor");
		Employer employer = fixtures.employer(account, name);
		employer.setEmail(storedEmail.apply(employer.getEmail()));
		employers.save(employer);
		String smtpUser = "eigen-" + MailFixtures.unique() + "@werkgever.nl";
		GreenMail own = TestSmtpServers.smtpWithAuth(smtpUser, "eigen-wachtwoord");
		servers.add(own);
		new OwnSmtpLevels(jdbc, encryptor).use(employer, TestSmtpServers.port(own), nl.salaronline.smtp.SmtpSecurity.NONE,
				smtpUser, "eigen-wachtwoord", null);
		MailId id = mailService.send(OutgoingMail.toEmployee(employer.getCode(), MailFixtures.recipient("werknemer"),
				"Loonstrook", "Beste,"));
		await(Duration.ofSeconds(20), "a delivery was attempted",
				() -> mailService.find(id).orElseThrow().attempts() > 0);
		assertThat(mailService.find(id).orElseThrow().status()).isNotEqualTo(MailStatus.SENT);
		assertThat(own.getReceivedMessages()).isEmpty();
		jdbc.sql("update mail set status = 'FAILED' where id = :id").param("id", id.value()).update();
	}

	private static List<String> recipients(Message message) {
		try {
			Address[] all = message.getAllRecipients();
			return all == null ? List.of()
					: Arrays.stream(all).map(address -> ((InternetAddress) address).getAddress()).toList();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static MockHttpServletRequestBuilder settings(String path, MockHttpSession session, int port,
			String username, String password) {
		return post(path).session(session).with(csrf()).param("enabled", "true").param("host", "127.0.0.1")
			.param("port", String.valueOf(port)).param("username", username).param("security", "NONE").param("plainTextSignIn", "true")
			.param("password", password).param("version", "");
	}

	private static String expect(int status, org.springframework.test.web.servlet.ResultActions result)
			throws Exception {
		MockHttpServletResponse response = result.andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(status);
		return response.getContentAsString(StandardCharsets.UTF_8) + response.getHeaderNames()
			.stream().map(name -> name + ": " + response.getHeaders(name)).toList();
	}

	private static String base64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

}
