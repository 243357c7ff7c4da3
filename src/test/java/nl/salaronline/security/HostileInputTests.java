package nl.salaronline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.account.Role;
import nl.salaronline.account.Users;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;

/**
 * The table of hostile and malformed input (issue 6) over the SMTP Instellingen form of both levels and over
 * {@code POST /api/v1/mails}. Every row expects a clear answer (a Dutch message beside the field on the screen, a
 * {@code problem+json} naming the field on the API), never a 500, and nothing stored: the level's settings keep their
 * version and values, and the employer gets no mail row. Host rows that need {@code allow-private-hosts=false} are in
 * {@link StrictHostInputTests}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTests {

	static final String PORT_RANGE = "Een poort is een getal van 1 tot en met 65535.";

	static final String HOST_INVALID = "Vul een geldig serveradres in";

	static final String HOST_UNKNOWN = "Deze server is niet te vinden.";

	static final String USERNAME_EMAIL = "Vul als gebruikersnaam een geldig e-mailadres in";

	static final String USERNAME_CONTROL = "Een gebruikersnaam mag geen regeleinden of andere stuurtekens bevatten.";

	static final String SECURITY = "Kies de beveiliging: Geen, STARTTLS of SSL/TLS.";

	static final String NON_ASCII_EMAIL = "Een e-mailadres met letters buiten a-z (zoals ë of ç) kan niet worden gebruikt";
	static final String RETYPE_WEAKER = "Vul het wachtwoord opnieuw in: de beveiliging is zwakker dan de bewaarde";

	static final String NOT_PRESENTED = "Dit certificaat kan niet worden vertrouwd: deze server heeft het niet getoond";

	static final String CONFIRM_GEEN = "Met Geen gaat het wachtwoord onversleuteld over het netwerk.";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AccountRepository accounts;

	@Autowired
	private EmployerRepository employers;

	@Autowired
	private Users users;

	private Account account;

	private Employer employer;

	private MockHttpSession session;

	@BeforeAll
	void aLevelWithStoredSettings() throws Exception {
		String unique = unique();
		account = accounts.save(new Account("Vijandig " + unique, "info@vijandig-" + unique + ".nl"));
		employer = employers.save(new Employer("H" + unique, "Werkgever " + unique, "loon@wg-" + unique + ".nl",
				account.getId()));
		String username = "hostile-" + unique;
		users.create(username, "geheim-wachtwoord", Role.ACCOUNTANT, account.getId());
		session = (MockHttpSession) mvc.perform(formLogin().user(username).password("geheim-wachtwoord"))
			.andReturn()
			.getRequest()
			.getSession(false);
		for (String path : List.of(accountPath(), employerPath())) {
			MockHttpServletResponse saved = mvc.perform(settingsPost(path + "/bewerken", Map.of())).andReturn().getResponse();
			assertThat(saved.getStatus()).as("valid settings are saved at " + path).isEqualTo(302);
		}
	}

	// --- the settings form ---

	static Stream<Arguments> settingsRows() {
		List<Arguments> rows = new ArrayList<>();
		for (String level : List.of("account", "employer")) {
			rows.add(row(level, "port 0", Map.of("port", "0"), PORT_RANGE));
			rows.add(row(level, "port 65536", Map.of("port", "65536"), PORT_RANGE));
			rows.add(row(level, "port abc", Map.of("port", "abc"), PORT_RANGE));
			rows.add(row(level, "port -1", Map.of("port", "-1"), PORT_RANGE));
			rows.add(row(level, "host with CR/LF and an SMTP command", Map.of("host", "smtp.nl\r\nRCPT TO:<x@y.nl>"),
					HOST_INVALID));
			rows.add(row(level, "username without @", Map.of("username", "geen-apenstaartje"), USERNAME_EMAIL));
			rows.add(row(level, "username with CR/LF", Map.of("username", "info@kantoor.nl\r\nBcc: x@y.nl"),
					USERNAME_CONTROL));
			rows.add(row(level, "stored password over a weaker security", Map.of("password", "", "security", "NONE",
					"plainTextSignIn", "true"), RETYPE_WEAKER));
			rows.add(row(level, "well-formed fingerprint no test presented", Map.of("pinnedCertificateSha256",
					"ab".repeat(32), "pinnedCertificateSubject", "CN=x"), NOT_PRESENTED));
		}
		String account = "account";
		rows.add(row(account, "empty port", Map.of("port", ""), "Vul de poort in."));
		rows.add(row(account, "port beyond a long", Map.of("port", "99999999999999999999"), PORT_RANGE));
		rows.add(row(account, "port 1e3", Map.of("port", "1e3"), PORT_RANGE));
		rows.add(row(account, "port with a fraction", Map.of("port", "25.5"), PORT_RANGE));
		rows.add(row(account, "empty host", Map.of("host", ""), "Vul het serveradres in."));
		rows.add(row(account, "host of spaces", Map.of("host", "   "), "Vul het serveradres in."));
		rows.add(row(account, "host with a space", Map.of("host", "smtp server.nl"), HOST_INVALID));
		rows.add(row(account, "host with a trailing LF", Map.of("host", "smtp.nl\n"), HOST_INVALID));
		rows.add(row(account, "host with NUL", Map.of("host", "smtp.nl\u0000"), HOST_INVALID));
		rows.add(row(account, "host with a Unicode line separator", Map.of("host", "smtp.nl\u2028x"), HOST_INVALID));
		rows.add(row(account, "host of 300 characters", Map.of("host", "a".repeat(300)),
				"Een serveradres heeft hoogstens 253 tekens."));
		rows.add(row(account, "host as URL", Map.of("host", "smtp://smtp.nl"), HOST_INVALID));
		rows.add(row(account, "host with port", Map.of("host", "smtp.nl:25"), HOST_INVALID));
		rows.add(row(account, "host with markup", Map.of("host", "<script>alert(1)</script>"), HOST_INVALID));
		rows.add(row(account, "IDN host that does not exist", Map.of("host", "smtp.bäckerij-niet-bestaand.invalid"),
				HOST_INVALID + "|" + HOST_UNKNOWN));
		rows.add(row(account, "host that does not resolve", Map.of("host", "smtp.niet-bestaand.invalid"),
				HOST_UNKNOWN));
		rows.add(row(account, "empty username", Map.of("username", ""), "Vul de gebruikersnaam in"));
		rows.add(row(account, "username with only a domain part", Map.of("username", "@kantoor.nl"), USERNAME_EMAIL));
		rows.add(row(account, "username with a display name", Map.of("username", "Jan <jan@kantoor.nl>"),
				USERNAME_EMAIL));
		rows.add(row(account, "username with NUL", Map.of("username", "jan\u0000@kantoor.nl"), USERNAME_CONTROL));
		rows.add(row(account, "username of 300 characters", Map.of("username", "a".repeat(290) + "@kantoor.nl"),
				"Een e-mailadres heeft hoogstens 254 tekens."));
		rows.add(row(account, "username with markup", Map.of("username", "<script>alert(1)</script>@kantoor.nl"),
				USERNAME_EMAIL));
		rows.add(row(account, "username with emoji and no @", Map.of("username", "jörg😀kantoor.nl"), USERNAME_EMAIL));
		// issue 16: one address rule everywhere
		rows.add(row(account, "username with a quoted local part", Map.of("username", "\"a b\"@kantoor.nl"),
				USERNAME_EMAIL));
		rows.add(row(account, "username with an address literal", Map.of("username", "info@[193.0.6.139]"),
				USERNAME_EMAIL));
		rows.add(row(account, "username with a right-to-left override", Map.of("username", "ofni\u202e@kantoor.nl"),
				USERNAME_EMAIL));
		rows.add(row(account, "username with a zero-width space", Map.of("username", "info\u200b@kantoor.nl"),
				USERNAME_EMAIL));
		rows.add(row(account, "username with a non-ASCII letter", Map.of("username", "zoë@kantoor.nl"),
				NON_ASCII_EMAIL));
		rows.add(row(account, "username with an IDN domain", Map.of("username", "info@bäckerei.nl"), NON_ASCII_EMAIL));
		rows.add(row(account, "empty security", Map.of("security", ""), SECURITY));
		rows.add(row(account, "unknown security", Map.of("security", "TLS13"), SECURITY));
		rows.add(row(account, "security in Unicode", Map.of("security", "ＳＴＡＲＴＴＬＳ"), SECURITY));
		rows.add(row(account, "no security", mapWithNull("security"), SECURITY));
		rows.add(row(account, "password of 1001 characters", Map.of("password", "x".repeat(1001)),
				"Een wachtwoord heeft hoogstens 1000 tekens."));
		rows.add(row(account, "stored password for another host", Map.of("password", "", "host", "192.0.2.99"),
				"Vul het wachtwoord opnieuw in"));
		rows.add(row(account, "stored password for another port", Map.of("password", "", "port", "2526"),
				"Vul het wachtwoord opnieuw in"));
		rows.add(row(account, "forged certificate pin", Map.of("pinnedCertificateSha256", "zz",
				"pinnedCertificateSubject", "CN=x"), "Dit certificaat kan niet worden vertrouwd."));
		rows.add(row(account, "certificate pin with CR/LF in its subject", Map.of("pinnedCertificateSha256",
				"a".repeat(64), "pinnedCertificateSubject", "CN=x\r\nX: y"), "Dit certificaat kan niet worden vertrouwd."));
		rows.add(row(account, "stored password with a fingerprint no test presented", Map.of("password", "",
				"pinnedCertificateSha256", "cd".repeat(32), "pinnedCertificateSubject", "CN=x"), NOT_PRESENTED));
		rows.add(row(account, "Geen with a password, warning not confirmed", Map.of("security", "NONE"), CONFIRM_GEEN));
		rows.add(row(account, "Geen confirmation that is no boolean", Map.of("security", "NONE", "plainTextSignIn",
				"misschien"), "Vink dit aan of laat het leeg."));
		return rows.stream();
	}

	@ParameterizedTest(name = "{0} level, {1}")
	@MethodSource("settingsRows")
	void hostileSettingsAreRefusedInDutchAndNothingIsSaved(String level, String name, Map<String, String> changes,
			String expected) throws Exception {
		String path = "account".equals(level) ? accountPath() : employerPath();
		Map<String, Object> before = stored(level);
		MockHttpServletResponse response = mvc.perform(settingsPost(path + "/bewerken", changes))
			.andReturn()
			.getResponse();
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(response.getStatus()).as(name).isEqualTo(200);
		// a message beside a field, or above the form for a forged hidden field
		assertThat(body.contains("is-invalid") || body.contains("alert alert-danger")).as(name).isTrue();
		assertThat(body).doesNotContain("<script>alert(1)");
		assertThat(Arrays.stream(expected.split("\\|")).anyMatch(body::contains))
			.as(name + ": expects " + expected).isTrue();
		assertThat(stored(level)).as("nothing saved").isEqualTo(before);
	}

	/** The checks of saving hold for "Test verbinding" and "Verstuur testmail" too: nothing reaches a server. */
	static Stream<Arguments> probeRows() {
		return Stream.of(
				Arguments.of("/testen", "host with CR/LF", Map.of("host", "smtp.nl\r\nQUIT"), HOST_INVALID),
				Arguments.of("/testen", "username with CR/LF", Map.of("username", "a@kantoor.nl\r\nRSET"),
						USERNAME_CONTROL),
				Arguments.of("/testen", "port 65536", Map.of("port", "65536"), PORT_RANGE),
				Arguments.of("/testmail", "recipient with CR/LF",
						Map.of("testRecipient", "a@kantoor.nl\r\nBcc: b@kantoor.nl"), "Vul een geldig e-mailadres in"),
				Arguments.of("/testmail", "recipient with a display name",
						Map.of("testRecipient", "Jan <a@kantoor.nl>"), "Vul een geldig e-mailadres in"),
				Arguments.of("/testmail", "host with NUL", Map.of("host", "smtp.nl\u0000", "testRecipient",
						"a@kantoor.nl"), HOST_INVALID),
				// issue 16: the address rule of the forms, the API and the sender
				Arguments.of("/testmail", "recipient with a quoted local part",
						Map.of("testRecipient", "\"a b\"@kantoor.nl"), "Vul een geldig e-mailadres in"),
				Arguments.of("/testmail", "recipient with a left-to-right isolate",
						Map.of("testRecipient", "a\u2066@kantoor.nl"), "Vul een geldig e-mailadres in"),
				Arguments.of("/testmail", "recipient with a non-ASCII letter",
						Map.of("testRecipient", "zoë@kantoor.nl"), NON_ASCII_EMAIL),
				Arguments.of("/testen", "username with a quoted local part",
						Map.of("username", "\"a b\"@kantoor.nl"), USERNAME_EMAIL),
				Arguments.of("/testen", "stored password over a weaker security", Map.of("password", "", "security",
						"NONE", "plainTextSignIn", "true"), RETYPE_WEAKER),
				Arguments.of("/testmail", "Geen with a password, warning not confirmed", Map.of("security", "NONE",
						"testRecipient", "a@kantoor.nl"), CONFIRM_GEEN),
				Arguments.of("/testen", "stored password with a fingerprint no test presented", Map.of("password", "",
						"pinnedCertificateSha256", "ef".repeat(32), "pinnedCertificateSubject", "CN=x"),
						"Vul het wachtwoord opnieuw in: het vertrouwde certificaat is gewijzigd."));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("probeRows")
	void hostileValuesNeverReachAnSmtpConversation(String action, String name, Map<String, String> changes,
			String expected) throws Exception {
		Map<String, Object> before = stored("account");
		MockHttpServletResponse response = mvc.perform(settingsPost(accountPath() + action, changes))
			.andReturn()
			.getResponse();
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(response.getStatus()).as(name).isEqualTo(200);
		assertThat(body).contains(expected).contains("is-invalid");
		// no step report: the conversation never started
		assertThat(body).doesNotContain("220 ").doesNotContain("EHLO");
		assertThat(stored("account")).isEqualTo(before);
	}

	// --- the HTTP API ---

	static Stream<Arguments> apiRows() {
		List<Arguments> rows = new ArrayList<>();
		rows.add(api("empty body", raw(""), 400, ""));
		rows.add(api("empty object", raw("{}"), 400, "employerCode"));
		rows.add(api("JSON array", raw("[]"), 400, ""));
		rows.add(api("JSON null", raw("null"), 400, ""));
		rows.add(api("not JSON", raw("loonstrook"), 400, ""));
		rows.add(api("truncated JSON", raw("{\"employerCode\":"), 400, ""));
		rows.add(api("trailing garbage", mail(m -> { }).andThen(s -> s + "}}"), 400, ""));
		rows.add(api("10 MB body", raw("{\"text\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}"), 413, null));
		rows.add(api("text/plain", mail(m -> { }), 415, null, MediaType.TEXT_PLAIN));
		rows.add(api("application/xml", raw("<mail/>"), 415, null, MediaType.APPLICATION_XML));
		rows.add(api("employerCode as number", mail(m -> m.put("employerCode", 1001)), 400, "employerCode"));
		rows.add(api("unknown employerCode", mail(m -> m.put("employerCode", "ONBEKEND" + unique())), 404,
				"employerCode"));
		rows.add(api("empty employerCode", mail(m -> m.put("employerCode", "")), 400, "employerCode"));
		rows.add(api("unknown recipient kind", mail(m -> m.put("recipient", "MANAGER")), 400, "recipient"));
		rows.add(api("recipient kind in lower case", mail(m -> m.put("recipient", "employee")), 400, "recipient"));
		rows.add(api("recipient kind as number", mail(m -> m.put("recipient", 1)), 400, "recipient"));
		rows.add(api("no recipient kind", mail(m -> m.remove("recipient")), 400, "recipient"));
		rows.add(api("to without @", mail(m -> m.put("to", "geen-adres")), 400, "to"));
		rows.add(api("to with CR/LF and Bcc", mail(m -> m.put("to", "a@ontvanger.nl\r\nBcc: b@ontvanger.nl")), 400,
				"to"));
		rows.add(api("to with a display name", mail(m -> m.put("to", "Jan <a@ontvanger.nl>")), 400, "to"));
		rows.add(api("two addresses in to", mail(m -> m.put("to", "a@ontvanger.nl, b@ontvanger.nl")), 400, "to"));
		rows.add(api("to as array", mail(m -> m.putArray("to").add("a@ontvanger.nl")), 400, "to"));
		rows.add(api("to of 300 characters", mail(m -> m.put("to", "a".repeat(290) + "@ontvanger.nl")), 400, "to"));
		rows.add(api("to with a Unicode line separator", mail(m -> m.put("to", "a@ontvanger.nl\u2028")), 400, "to"));
		// issue 16: one address rule; invisible format characters in subjects and file names
		rows.add(api("to with a quoted local part", mail(m -> m.put("to", "\"a b\"@ontvanger.nl")), 400, "to"));
		rows.add(api("to with a quoted local part and an @", mail(m -> m.put("to", "\"a@b\"@ontvanger.nl")), 400,
				"to"));
		rows.add(api("to with an address literal", mail(m -> m.put("to", "a@[193.0.6.139]")), 400, "to"));
		rows.add(api("to with a non-ASCII letter", mail(m -> m.put("to", "zoë@ontvanger.nl")), 400, "to"));
		rows.add(api("to with an IDN domain", mail(m -> m.put("to", "a@bäckerei.nl")), 400, "to"));
		rows.add(api("to with a right-to-left override", mail(m -> m.put("to", "a\u202e@ontvanger.nl")), 400, "to"));
		rows.add(api("to with two dots", mail(m -> m.put("to", "a..b@ontvanger.nl")), 400, "to"));
		for (String invisible : List.of("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
				"\u2068", "\u2069", "\u200b", "\u200e", "\u200f", "\u2060", "\u2064", "\ufeff", "\u00ad",
				"\u061c")) {
			String code = "U+%04X".formatted((int) invisible.charAt(0));
			rows.add(api("subject with " + code, mail(m -> m.put("subject", "Loonstrook " + invisible + "januari")), 400,
					"subject"));
			rows.add(api("attachment name with " + code,
					attachment(a -> a.put("filename", "loon" + invisible + "fdp.exe")), 400, "attachments[0].filename"));
		}
		rows.add(api("subject with CR/LF and Bcc", mail(m -> m.put("subject", "Loon\r\nBcc: b@ontvanger.nl")), 400,
				"subject"));
		rows.add(api("subject with LF only", mail(m -> m.put("subject", "Loon\nX-Injected: ja")), 400, "subject"));
		rows.add(api("subject with NUL", mail(m -> m.put("subject", "Loon\u0000")), 400, "subject"));
		rows.add(api("subject with a Unicode paragraph separator", mail(m -> m.put("subject", "Loon\u2029Bcc: x")),
				400, "subject"));
		rows.add(api("subject of 501 characters", mail(m -> m.put("subject", "ë".repeat(501))), 400, "subject"));
		rows.add(api("empty subject", mail(m -> m.put("subject", "")), 400, "subject"));
		rows.add(api("subject as object", mail(m -> m.putObject("subject")), 400, "subject"));
		rows.add(api("neither text nor html", mail(m -> m.remove("text")), 400, "text"));
		rows.add(api("text as number", mail(m -> m.put("text", 5)), 400, "text"));
		rows.add(api("html as boolean", mail(m -> m.put("html", true)), 400, "html"));
		rows.add(api("attachments as string", mail(m -> m.put("attachments", "loonstrook.pdf")), 400, "attachments"));
		rows.add(api("attachment as number", mail(m -> m.putArray("attachments").add(1)), 400, "attachments[0]"));
		rows.add(api("attachment name with a path", attachment(a -> a.put("filename", "../../etc/passwd")), 400,
				"attachments[0].filename"));
		rows.add(api("attachment name with CR/LF", attachment(a -> a.put("filename",
				"loonstrook.pdf\r\nContent-Type: text/html")), 400, "attachments[0].filename"));
		rows.add(api("attachment name with a quote", attachment(a -> a.put("filename", "loon\".pdf")), 400,
				"attachments[0].filename"));
		rows.add(api("empty attachment name", attachment(a -> a.put("filename", "")), 400, "attachments[0].filename"));
		rows.add(api("attachment type without subtype", attachment(a -> a.put("contentType", "pdf")), 400,
				"attachments[0].contentType"));
		rows.add(api("attachment type with CR/LF", attachment(a -> a.put("contentType", "application/pdf\r\nX: y")),
				400, "attachments[0].contentType"));
		rows.add(api("attachment content not base64", attachment(a -> a.put("base64", "!!!niet base64!!!")), 400,
				"attachments[0].base64"));
		rows.add(api("attachment content as number", attachment(a -> a.put("base64", 12)), 400,
				"attachments[0].base64"));
		rows.add(api("attachment of 6 MB", attachment(a -> a.put("base64",
				java.util.Base64.getEncoder().encodeToString(new byte[6 * 1024 * 1024]))), 400, "attachments[0].base64"));
		return rows.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("apiRows")
	void hostileMailsAreRefusedAsProblemJsonAndNothingIsStored(String name, Request request, int status,
			String field) throws Exception {
		long before = mailsOfEmployer();
		MockHttpServletResponse response = mvc.perform(post("/api/v1/mails").with(httpBasic("payroll", "payroll"))
			.contentType(request.type())
			.content(request.body().apply(baseMail(employer.getCode()))))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(name).isEqualTo(status);
		assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode problem = JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		if (field != null) {
			List<String> fields = new ArrayList<>();
			problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
			assertThat(fields).as(name).contains(field);
		}
		assertThat(mailsOfEmployer()).as("nothing stored").isEqualTo(before);
	}

	@Test
	void tableHasAtLeastSixtyRows() {
		assertThat(settingsRows().count() + probeRows().count() + apiRows().count()).isGreaterThanOrEqualTo(60);
	}

	@Test
	void unicodeInEveryTextFieldOfTheApiIsKeptIntact() throws Exception {
		// the zero-width joiner of an emoji sequence is allowed: it cannot reorder or hide text
		String subject = "Loonstrook jänuari — Ünicode 😀 👨\u200d👩\u200d👧 " + unique();
		ObjectNode mail = (ObjectNode) JSON.readTree(baseMail(employer.getCode()));
		mail.put("subject", subject).put("text", "Beste Zoë, één ½ 😀").put("html", "<p>Beste Zoë 😀</p>");
		mail.putArray("attachments").addObject().put("filename", "loonstrook-zoë.pdf")
			.put("contentType", "application/pdf").put("base64", "JVBERi0=");
		MockHttpServletResponse response = mvc.perform(post("/api/v1/mails").with(httpBasic("payroll", "payroll"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(mail))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(202);
		String id = JSON.readTree(response.getContentAsString()).get("id").asString();
		assertThat(jdbc.sql("select subject from mail where id = :id").param("id", id).query(String.class).single())
			.isEqualTo(subject);
		assertThat(jdbc.sql("select body_text from mail where id = :id").param("id", id).query(String.class).single())
			.isEqualTo("Beste Zoë, één ½ 😀");
		jdbc.sql("update mail set status = 'FAILED' where id = :id").param("id", id).update();
	}

	@Test
	void aNonAsciiAddressInTheSettingsFormIsRefusedWithItsOwnMessage() throws Exception {
		// SMTPUTF8 is not supported end to end, so an internationalised address is refused in Dutch, never mangled
		Map<String, Object> before = stored("account");
		MockHttpServletResponse response = mvc.perform(settingsPost(accountPath() + "/bewerken",
				Map.of("username", "zoë@kantoor.nl", "password", "wachtwoord-met-ë-😀"))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains(NON_ASCII_EMAIL);
		assertThat(stored("account")).isEqualTo(before);
	}

	// --- helpers ---

	record Request(java.util.function.Function<String, String> body, MediaType type) {

		Request andThen(java.util.function.UnaryOperator<String> after) {
			return new Request(body.andThen(after), type);
		}

	}

	private static Arguments row(String level, String name, Map<String, String> changes, String expected) {
		return Arguments.of(level, name, changes, expected);
	}

	private static Arguments api(String name, Request request, int status, String field) {
		return Arguments.of(name, request, status, field);
	}

	private static Arguments api(String name, Request request, int status, String field, MediaType type) {
		return Arguments.of(name, new Request(request.body(), type), status, field);
	}

	private static Request raw(String body) {
		return new Request(base -> body, MediaType.APPLICATION_JSON);
	}

	private static Request mail(Consumer<ObjectNode> change) {
		return new Request(base -> {
			ObjectNode node = (ObjectNode) JSON.readTree(base);
			change.accept(node);
			return JSON.writeValueAsString(node);
		}, MediaType.APPLICATION_JSON);
	}

	private static Request attachment(Consumer<ObjectNode> change) {
		return mail(node -> {
			ArrayNode attachments = node.putArray("attachments");
			ObjectNode attachment = attachments.addObject()
				.put("filename", "loonstrook.pdf")
				.put("contentType", "application/pdf")
				.put("base64", "JVBERi0xLjQ=");
			change.accept(attachment);
		});
	}

	private static String baseMail(String employerCode) {
		return """
				{"employerCode":"%s","recipient":"EMPLOYEE","to":"werknemer@ontvanger.nl",
				 "subject":"Uw loonstrook","text":"Beste medewerker,"}""".formatted(employerCode);
	}

	private static Map<String, String> mapWithNull(String key) {
		Map<String, String> map = new LinkedHashMap<>();
		map.put(key, null);
		return map;
	}

	private MockHttpServletRequestBuilder settingsPost(String path, Map<String, String> changes) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("enabled", "true");
		params.put("host", "127.0.0.1");
		params.put("port", "2525");
		params.put("username", "info@kantoor.nl");
		params.put("security", "STARTTLS");
		params.put("password", "geheim-smtp");
		Object version = stored(path.startsWith("/gebruiker") ? "account" : "employer").get("version");
		params.put("version", version == null ? "" : version.toString());
		params.putAll(changes);
		MockHttpServletRequestBuilder request = post(path).session(session).with(csrf());
		params.forEach((key, value) -> {
			if (value != null) {
				request.param(key, value);
			}
		});
		return request;
	}

	private Map<String, Object> stored(String level) {
		String column = "account".equals(level) ? "account_id" : "employer_id";
		long id = "account".equals(level) ? account.getId() : employer.getId();
		return jdbc.sql("select enabled, host, port, username, security, password_encrypted, pinned_certificate_sha256, "
				+ "plain_text_sign_in_confirmed, version from smtp_settings "
				+ "where " + column + " = :id")
			.param("id", id)
			.query()
			.listOfRows()
			.stream()
			.findFirst()
			.map(row -> {
				Map<String, Object> lower = new LinkedHashMap<>();
				row.forEach((key, value) -> lower.put(key.toLowerCase(), value));
				return lower;
			})
			.orElse(Map.of());
	}

	private long mailsOfEmployer() {
		return jdbc.sql("select count(*) from mail where employer_id = :id")
			.param("id", employer.getId())
			.query(Long.class)
			.single();
	}

	private String accountPath() {
		return "/gebruiker/smtp-instellingen";
	}

	private String employerPath() {
		return "/werkgever/" + employer.getCode() + "/smtp-instellingen";
	}

	static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

}
