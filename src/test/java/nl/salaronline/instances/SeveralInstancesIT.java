package nl.salaronline.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import nl.salaronline.testsupport.RequiredEnvironment;

/**
 * SPEC section 11, issue 17: two instances of the packaged jar, two JVMs, on one fresh PostgreSQL database and one
 * SMTP server, started at the same moment. A payroll run is handed over to both in turn while one is killed with
 * {@code kill -9} and restarted and the SMTP server goes away for a few seconds; every accepted mail arrives, the
 * duplicates stay within the crash window docs/DECISIONS.md states and carry the same Message-ID. A screen session,
 * the login lockout and saved SMTP settings hold across the instances, and an instance stopped with SIGTERM hands its
 * claims back within the shutdown phase.
 * <p>
 * The steps run in order on the same two instances. Each JVM writes its output to a file in the temporary directory,
 * deleted after a green run; a failed run prints each file's tail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralInstancesIT {

	/** The payroll run: handed over in batches, alternating between the instances (3,000 mails in all). */
	private static final int BATCHES = 30;

	private static final int MAILS_PER_BATCH = 100;

	/** The SMTP server takes this long per mail, so that mails wait in the outbox while the run is handed over. */
	private static final int SERVER_MILLIS_PER_MAIL = 2;

	/** One instance is killed when a third of the run was handed over, and restarted on the same port. */
	private static final int KILL_AT_BATCH = BATCHES / 3;

	/** The SMTP server goes away in the middle of the run, for this long. */
	private static final int OUTAGE_AT_BATCH = BATCHES / 2;

	private static final Duration OUTAGE = Duration.ofSeconds(4);

	/** Right before it goes away the server holds each mail's reply this long, so it hangs up on waiting senders. */
	private static final int HANG_UP_MILLIS = 400;

	/** How many mails one claim takes (salaronline.mail.worker.batch-size, set so for both instances). */
	private static final int CLAIM_BATCH_SIZE = 50;

	/** Worker threads per instance (salaronline.mail.worker.threads): connections that may be mid-mail at once. */
	private static final int WORKER_THREADS = 4;

	/**
	 * The crash window of docs/DECISIONS.md (Mail service, "Attempts are counted when a mail is claimed"): a worker
	 * claims at most one claim ahead of what it has recorded SENT, so a killed instance sends at most two claims'
	 * accepted mails again. An SMTP server that goes away after it read a mail but before its 250 reached us makes that
	 * mail go again too: at most one per open connection, i.e. per worker thread of each instance.
	 */
	private static final int MAX_DUPLICATES = 2 * CLAIM_BATCH_SIZE + 2 * WORKER_THREADS;

	/** A generous bound: two JVMs starting on two shared cores. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	/** The lease of a claim: the killed instance's claims are taken over after it. */
	private static final Duration LEASE = Duration.ofSeconds(20);

	/** spring.lifecycle.timeout-per-shutdown-phase of both instances: SIGTERM must end the JVM within it. */
	private static final Duration SHUTDOWN_PHASE = Duration.ofSeconds(20);

	/** The login lockout's threshold: salaronline.security.login-max-failures (default 5, security.SecurityConfig). */
	private static final int LOGIN_MAX_FAILURES = 5;

	private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(90);

	private static final String DEFAULT_FROM = "no-reply@salaronline.nl";

	/** The account's own address: the sender of its mails through its own SMTP server (demo data). */
	private static final String ACCOUNT_ADDRESS = "info@demo-accountants.nl";

	private static final HttpClient API = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String PAYROLL = "Basic "
			+ Base64.getEncoder().encodeToString("payroll:payroll".getBytes(StandardCharsets.UTF_8));

	private static boolean failed;

	@RegisterExtension
	final TestWatcher failures = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			failed = true;
		}
	};

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final String database = "salaronline_instances_" + run;

	private boolean created;

	private CountingSmtpServer smtp;

	private CountingSmtpServer ownSmtp;

	private AppInstance a;

	private AppInstance b;

	@BeforeAll
	void startTwoInstancesAtTheSameMoment() throws Exception {
		RequiredEnvironment.requirePostgres();
		String jar = System.getProperty("instances.jar");
		assertThat(jar).as("system property instances.jar (set by failsafe in pom.xml)").isNotBlank();
		assertThat(Path.of(jar)).as("the packaged jar").isRegularFile();
		postgres("create database " + database);
		created = true;
		smtp = CountingSmtpServer.start();
		ownSmtp = CountingSmtpServer.start();
		List<String> arguments = List.of("--spring.datasource.url=" + databaseUrl(),
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--spring.datasource.hikari.maximum-pool-size=8", "--salaronline.dev-mail-catcher.enabled=false",
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.port(),
				"--salaronline.mail.retry.initial-delay=PT1S", "--salaronline.mail.retry.max-delay=PT5S",
				"--salaronline.mail.worker.lease=" + LEASE, "--salaronline.mail.worker.poll-interval=PT1S",
				"--salaronline.mail.worker.batch-size=" + CLAIM_BATCH_SIZE,
				"--salaronline.mail.worker.threads=" + WORKER_THREADS,
				"--spring.lifecycle.timeout-per-shutdown-phase=" + SHUTDOWN_PHASE, "--spring.main.banner-mode=off");
		a = new AppInstance("a", Path.of(jar), arguments);
		b = new AppInstance("b", Path.of(jar), arguments);
		try {
			a.start();
			b.start();
			a.awaitReady(START_TIMEOUT);
			b.awaitReady(START_TIMEOUT);
		}
		catch (IOException | InterruptedException | AssertionError | RuntimeException ex) {
			failed = true; // not a test's failure: the watcher does not see it
			throw ex;
		}
	}

	@AfterAll
	void stopEverythingAndDropTheDatabase() throws Exception {
		try {
			for (AppInstance instance : new AppInstance[] { a, b }) {
				if (instance != null) {
					instance.destroy();
					if (failed) {
						System.out.println("---- last lines of instance " + instance.name() + " (" + instance.log()
								+ "):" + System.lineSeparator() + instance.tail(80));
					}
					else {
						Files.deleteIfExists(instance.log());
					}
				}
			}
		}
		finally {
			if (smtp != null) {
				smtp.close();
			}
			if (ownSmtp != null) {
				ownSmtp.close();
			}
			if (created) {
				// "with (force)": connections of a killed instance may linger
				postgres("drop database if exists " + database + " with (force)");
			}
		}
	}

	@Test
	@Order(1)
	void bothCameUpAndTheDemoDataExistsOnce() throws Exception {
		assertThat(count("select count(*) from account where name = 'Demo Accountants B.V.'")).isEqualTo(1);
		assertThat(count("select count(*) from account")).as("the two demo accounts").isEqualTo(2);
		assertThat(count("select count(*) from app_user where username in ('accountant', 'ander', 'admin', 'payroll')"))
			.isEqualTo(4);
		assertThat(count("select count(*) from employer where code in ('1001', '1002', '2001')")).isEqualTo(3);
		assertThat(count("select count(*) from flyway_schema_history where not success")).isZero();
		for (AppInstance instance : new AppInstance[] { a, b }) {
			for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
				HttpResponse<String> response = API.send(HttpRequest.newBuilder(instance.uri(probe)).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(instance.name() + probe + " without signing in").isEqualTo(200);
				assertThat(response.body()).as(instance.name() + probe).isEqualTo("{\"status\":\"UP\"}");
			}
		}
	}

	@Test
	@Order(2)
	void aSessionSignedInOnOneInstanceWorksOnTheOtherAndLogoutOnTheOtherEndsIt() throws Exception {
		ScreenVisitor browser = new ScreenVisitor();
		browser.get(a, "/login");
		Map<String, String> beforeSignIn = Map.copyOf(cookies(browser));
		assertThat(beforeSignIn).as("the login page's session (its CSRF token)").isNotEmpty();
		ScreenVisitor.Page signedIn = browser.signIn(a, "accountant", "accountant");
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.redirectsToLogin()).as("signed in on A, not sent back: " + signedIn.location()).isFalse();
		Map<String, String> session = cookies(browser);
		assertThat(session).as("a session cookie").isNotEmpty().isNotEqualTo(beforeSignIn);

		ScreenVisitor.Page onB = browser.get(b, "/gebruiker/smtp-instellingen");
		assertThat(onB.status()).as("A's session on B: the page, not a redirect to " + onB.location()).isEqualTo(200);
		assertThat(onB.body()).contains("SMTP Instellingen", "Demo Accountants B.V.");

		ScreenVisitor.Page loggedOut = browser.post(b, "/logout", Map.of("_csrf", onB.csrf()));
		assertThat(loggedOut.status()).isEqualTo(302);
		assertThat(loggedOut.location()).endsWith("/login?logout");

		// the old cookie, as someone who copied it would send it: dead on A too
		session.forEach(browser::restore);
		ScreenVisitor.Page onA = browser.get(a, "/gebruiker/smtp-instellingen");
		assertThat(onA.redirectsToLogin()).as("A after logout on B: " + onA.status() + " " + onA.location()).isTrue();

		// the session of before the sign-in was replaced, on every instance (no session fixation)
		beforeSignIn.forEach(browser::restore);
		assertThat(browser.get(b, "/gebruiker/smtp-instellingen").redirectsToLogin()).isTrue();
	}

	private static Map<String, String> cookies(ScreenVisitor browser) {
		return browser.cookieNames().stream().collect(Collectors.toMap(name -> name, browser::cookie));
	}

	@Test
	@Order(3)
	void failedLoginsOnBothInstancesCountTowardsOneLockout() throws Exception {
		ScreenVisitor browser = new ScreenVisitor();
		for (int i = 0; i < LOGIN_MAX_FAILURES; i++) {
			AppInstance instance = i % 2 == 0 ? a : b;
			ScreenVisitor.Page refused = browser.signIn(instance, "ander", "fout-" + i);
			assertThat(refused.location()).as("failure " + (i + 1) + " on " + instance.name()).endsWith("/login?error");
		}
		for (AppInstance instance : new AppInstance[] { b, a }) {
			ScreenVisitor.Page locked = browser.signIn(instance, "ander", "ander");
			assertThat(locked.location()).as("the right password on " + instance.name() + " after "
					+ LOGIN_MAX_FAILURES + " failures split over A and B").endsWith("/login?locked");
			assertThat(browser.get(instance, "/login?locked").body())
				.contains("Te veel mislukte pogingen voor deze gebruikersnaam. Probeer het over 5 minuten opnieuw.");
		}
	}

	@Test
	@Order(4)
	void everyAcceptedMailArrivesThoughAnInstanceIsKilledAndTheSmtpServerGoesAway() throws Exception {
		Map<String, String> accepted = new LinkedHashMap<>(); // subject -> mail id
		CompletableFuture<Void> restart = null;
		smtp.slowDown(SERVER_MILLIS_PER_MAIL);
		for (int batch = 0; batch < BATCHES; batch++) {
			String key = "run-" + run + "/part-" + batch;
			String body = batchBody(batch);
			AppInstance target = batch % 2 == 0 || (restart != null && !restart.isDone()) ? a : b;
			List<String> ids;
			if (batch == KILL_AT_BATCH) {
				ids = handOverWhileKilling(b, a, key, body);
				restart = CompletableFuture.runAsync(() -> {
					try {
						b.start().awaitReady(START_TIMEOUT);
					}
					catch (IOException | InterruptedException ex) {
						throw new IllegalStateException(ex);
					}
				});
			}
			else {
				ids = handOver(target, key, body);
			}
			if (batch == OUTAGE_AT_BATCH) {
				// the server goes away in the middle of conversations: each sender has just sent a mail's data and
				// waits for the reply, which never comes (Angus Mail's "[EOF]")
				awaitClaims("");
				smtp.slowDown(HANG_UP_MILLIS);
				Thread.sleep(HANG_UP_MILLIS / 2);
				smtp.stop();
				CompletableFuture.delayedExecutor(OUTAGE.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
					smtp.slowDown(SERVER_MILLIS_PER_MAIL);
					smtp.restart();
				});
			}
			assertThat(ids).hasSize(MAILS_PER_BATCH);
			for (int i = 0; i < MAILS_PER_BATCH; i++) {
				accepted.put(subject(batch, i), ids.get(i));
			}
		}
		restart.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		smtp.slowDown(0);
		assertThat(count("select count(*) from account")).as("the restart made no demo data again").isEqualTo(2);
		assertThat(accepted).hasSize(BATCHES * MAILS_PER_BATCH);

		awaitArrival(smtp, accepted.keySet());
		awaitNothingInFlight();
		assertThat(count("select count(*) from mail")).as("stored once each, the retried request too")
			.isEqualTo(accepted.size());
		assertThat(count("select count(*) from mail where status = 'FAILED'")).as("FAILED mails").isZero();
		assertThat(count("select count(*) from mail where status = 'SENT'")).isEqualTo(accepted.size());

		int duplicates = 0;
		for (Map.Entry<String, String> mail : accepted.entrySet()) {
			List<CountingSmtpServer.Arrival> copies = smtp.arrivals(mail.getKey());
			duplicates += copies.size() - 1;
			assertThat(copies).as("copies of " + mail.getKey())
				.extracting(CountingSmtpServer.Arrival::messageId)
				.allSatisfy(messageId -> assertThat(messageId).startsWith("<" + mail.getValue() + "@"))
				.containsOnly(copies.get(0).messageId());
			assertThat(copies).extracting(CountingSmtpServer.Arrival::envelopeFrom).containsOnly(DEFAULT_FROM);
		}
		assertThat(duplicates).as("mails sent twice (window: " + MAX_DUPLICATES + ")").isLessThanOrEqualTo(MAX_DUPLICATES);
		assertThat(smtp.messages()).isEqualTo(accepted.size() + duplicates);
	}

	@Test
	@Order(5)
	void settingsSavedOnOneInstanceAreUsedByTheOtherAfterTheFirstStoppedGracefully() throws Exception {
		ScreenVisitor browser = new ScreenVisitor();
		assertThat(browser.signIn(a, "accountant", "accountant").redirectsToLogin()).isFalse();
		ScreenVisitor.Page form = browser.get(a, "/gebruiker/smtp-instellingen/bewerken");
		assertThat(form.status()).isEqualTo(200);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("_csrf", form.csrf());
		fields.put("version", form.input("version"));
		fields.put("enabled", "true");
		fields.put("_enabled", "on");
		fields.put("host", "127.0.0.1");
		fields.put("port", String.valueOf(ownSmtp.port()));
		fields.put("username", "smtp@demo-accountants.nl");
		fields.put("security", "NONE");
		fields.put("authMethod", "PASSWORD");
		fields.put("password", "niet-gebruikt");
		fields.put("plainTextSignIn", "true");
		fields.put("_plainTextSignIn", "on");
		ScreenVisitor.Page saved = browser.post(a, "/gebruiker/smtp-instellingen/bewerken", fields);
		assertThat(saved.status()).as("Opslaan on A redirects to the saved settings: " + saved.body()).isEqualTo(302);
		assertThat(browser.get(a, "/gebruiker/smtp-instellingen").body())
			.contains("vanaf " + ACCOUNT_ADDRESS + " via 127.0.0.1");

		// A gets work it is busy with when SIGTERM comes: a slow server keeps its claims open
		smtp.slowDown(30);
		List<String> pending = handOver(a, "run-" + run + "/before-stop", batchBody(BATCHES));
		long aPid = a.process().pid();
		awaitClaims(aPid + "@");
		Instant terminated = Instant.now();
		a.terminate();
		assertThat(a.process().waitFor(SHUTDOWN_PHASE.toMillis(), TimeUnit.MILLISECONDS))
			.as("A ends within the shutdown phase (" + SHUTDOWN_PHASE + ")").isTrue();
		Duration took = Duration.between(terminated, Instant.now());
		assertThat(a.process().exitValue()).as("A's exit code after SIGTERM").isIn(0, 143);
		assertThat(count("select count(*) from mail where status = 'SENDING' and claimed_by like '" + aPid + "@%'"))
			.as("mails A still holds after it stopped (" + took.toMillis() + " ms)")
			.isZero();
		smtp.slowDown(0);

		String subject = "Eigen server " + run;
		HttpResponse<String> response = postMail(b, subject);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		String id = JsonPath.read(response.body(), "$.id");
		awaitArrival(ownSmtp, Set.of(subject));
		CountingSmtpServer.Arrival arrival = ownSmtp.arrivals(subject).get(0);
		assertThat(arrival.envelopeFrom()).isEqualTo(ACCOUNT_ADDRESS);
		assertThat(arrival.from()).contains(ACCOUNT_ADDRESS);
		assertThat(arrival.messageId()).startsWith("<" + id + "@");
		assertThat(smtp.arrivals(subject)).as("nothing through the default transport").isEmpty();

		// what A handed back, B sends
		List<String> subjects = new ArrayList<>();
		for (int i = 0; i < pending.size(); i++) {
			subjects.add(subject(BATCHES, i));
		}
		awaitArrival(smtp, subjects);
	}

	/** Posts a batch and answers the ids of its mails; a 409 (the same key still at work elsewhere) is retried. */
	private List<String> handOver(AppInstance instance, String key, String body) throws Exception {
		for (int attempt = 0; attempt < 50; attempt++) {
			HttpResponse<String> response = API.send(batchRequest(instance, key, body),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 202) {
				return JsonPath.read(response.body(), "$.mails[*].id");
			}
			assertThat(response.statusCode()).as(instance.name() + ": " + response.body()).isEqualTo(409);
			Thread.sleep(200);
		}
		throw new AssertionError("the key " + key + " stayed in use");
	}

	/**
	 * Hands the batch to {@code victim} and kills it with {@code kill -9} while the request may still be at work, then
	 * sends the same request with the same Idempotency-Key to {@code other}, as an integrator retries a request that
	 * got no answer. If the victim answered or stored it before it died, the other answers the same ids.
	 */
	private List<String> handOverWhileKilling(AppInstance victim, AppInstance other, String key, String body)
			throws Exception {
		awaitClaims(victim.process().pid() + "@");
		CompletableFuture<HttpResponse<String>> cutOff = API.sendAsync(batchRequest(victim, key, body),
				HttpResponse.BodyHandlers.ofString());
		Thread.sleep(20);
		victim.kill();
		List<String> answeredBeforeTheKill = null;
		try {
			HttpResponse<String> response = cutOff.get(10, TimeUnit.SECONDS);
			if (response.statusCode() == 202) {
				answeredBeforeTheKill = JsonPath.read(response.body(), "$.mails[*].id");
			}
		}
		catch (ExecutionException lostWithTheInstance) {
			// no answer: the client cannot know whether the mails were stored
		}
		List<String> ids = handOver(other, key, body);
		if (answeredBeforeTheKill != null) {
			assertThat(ids).as("the retry on " + other.name() + " answers what " + victim.name() + " answered")
				.isEqualTo(answeredBeforeTheKill);
		}
		return ids;
	}

	private static HttpRequest batchRequest(AppInstance instance, String key, String body) {
		return HttpRequest.newBuilder(instance.uri("/api/v1/mail-batches"))
			.header("Authorization", PAYROLL)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private static HttpResponse<String> postMail(AppInstance instance, String subject) throws Exception {
		String json = "{\"employerCode\":\"1001\",\"recipient\":\"EMPLOYER\",\"to\":\"directie@korenbloem.nl\","
				+ "\"subject\":\"" + subject + "\",\"text\":\"Via de eigen server van het kantoor.\"}";
		return API.send(HttpRequest.newBuilder(instance.uri("/api/v1/mails"))
			.header("Authorization", PAYROLL)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String batchBody(int batch) {
		List<String> mails = new ArrayList<>();
		for (int i = 0; i < MAILS_PER_BATCH; i++) {
			mails.add("{\"employerCode\":\"" + (i % 2 == 0 ? "1001" : "1002") + "\",\"recipient\":\"EMPLOYEE\","
					+ "\"to\":\"werknemer-" + i + "@example.nl\",\"subject\":\"" + subject(batch, i) + "\","
					+ "\"text\":\"Uw loonstrook staat klaar.\"}");
		}
		return "{\"mails\":[" + String.join(",", mails) + "]}";
	}

	/** A subject no other mail has: the SMTP server tells the mails apart by it. */
	private String subject(int batch, int index) {
		return "Loonstrook " + run + " " + batch + "-" + index;
	}

	private static void awaitArrival(CountingSmtpServer server, java.util.Collection<String> subjects)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(DELIVERY_TIMEOUT);
		List<String> missing = List.copyOf(subjects);
		while (Instant.now().isBefore(deadline)) {
			missing = missing.stream().filter(subject -> server.arrivals(subject).isEmpty()).toList();
			if (missing.isEmpty()) {
				return;
			}
			Thread.sleep(500);
		}
		throw new AssertionError(missing.size() + " accepted mails did not arrive within " + DELIVERY_TIMEOUT
				+ ", e.g. " + missing.subList(0, Math.min(5, missing.size())));
	}

	/** Waits until every mail is recorded: none QUEUED or SENDING. */
	private void awaitNothingInFlight() throws Exception {
		Instant deadline = Instant.now().plus(DELIVERY_TIMEOUT);
		while (count("select count(*) from mail where status in ('QUEUED', 'SENDING')") > 0) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("mails still QUEUED or SENDING after " + DELIVERY_TIMEOUT);
			}
			Thread.sleep(500);
		}
	}

	/**
	 * Waits until a worker whose id starts with this prefix holds claimed mails (a worker's id starts with its JVM's
	 * {@code pid@host}; the empty prefix: any worker), so that what comes next hits mails in flight.
	 */
	private void awaitClaims(String workerPrefix) throws Exception {
		Instant deadline = Instant.now().plusSeconds(20);
		while (count("select count(*) from mail where status = 'SENDING' and claimed_by like '" + workerPrefix
				+ "%'") == 0) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("no claims of worker '" + workerPrefix + "' within 20 s");
			}
			Thread.sleep(20);
		}
	}

	private long count(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(databaseUrl(), "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	/** The test's own database, on the server the tests use (RequiredEnvironment.postgresUrl). */
	private String databaseUrl() {
		return RequiredEnvironment.postgresUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/" + database);
	}

	private static void postgres(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(RequiredEnvironment.postgresUrl(), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
