package nl.salaronline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.SocketFactory;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;

import com.icegreen.greenmail.util.GreenMail;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.jasypt.encryption.StringEncryptor;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.salaronline.SmtpInstellingenApplication;
import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.mail.outbox.OutboxProperties;
import nl.salaronline.mail.outbox.RoutingJmh;
import nl.salaronline.smtp.SmtpSecurity;

/**
 * The performance benchmark of issue 7: {@code ./mvnw -Pbench verify} (not part of the default build). Prints each
 * figure and writes {@code docs/PERFORMANCE.md}. Everything runs on loopback; the SMTP server of both sides of a
 * ratio is the same GreenMail server with AUTH. No timed assertion: the figures are reported, targets marked.
 */
class PerformanceBenchmark {

	static final int MAILS = Integer.getInteger("bench.mails", 2000);

	private static final int EMPLOYERS = Integer.getInteger("bench.employers", 10_000);

	static final int KEPT_CONNECTIONS = Integer.getInteger("bench.kept-connections", 500);

	static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("bench.load-seconds", 20));

	/** Which figures to measure, e.g. {@code 1,2} while working on one of them (default: all five). */
	private static final String FIGURES = System.getProperty("bench.figures", "1,2,3,4,5");

	/** On which databases figures 1, 2 and 5 run: {@code h2}, {@code postgresql} or both (default). */
	private static final String DATABASES = System.getProperty("bench.databases", "h2,postgresql").toLowerCase(Locale.ROOT);

	/** Mails sent each way (small ones; a quarter of it with payslips) before anything is measured. */
	static final int WARM_UP = Integer.getInteger("bench.warm-up", 2000);

	/** Which mails figure 1 sends: {@code small}, {@code pdf} or both (e.g. one kind alone under a profiler). */
	private static final List<Boolean> KINDS = Stream.of(System.getProperty("bench.kinds", "small,pdf").split(","))
		.map(kind -> kind.strip().equals("pdf"))
		.toList();

	/**
	 * Figure 1 measures the baseline and {@code MailService} this many times in turn (small mails; payslips:
	 * {@link #PDF_PAIRS}) and reports the pair with the median ratio: on two shared cores one pair alone swung between
	 * 0.5 and 1.6, with the JIT compiler at work and the baseline's one-thread conversation waiting on idle cores
	 * (docs/PERFORMANCE.md).
	 */
	static final int PAIRS = Integer.getInteger("bench.pairs", 5);

	static final int PDF_PAIRS = Integer.getInteger("bench.pdf-pairs", 3);

	/** A payroll module hands its run over in parts of this many mails, each part one transaction. */
	static final int HAND_OVER_BATCH = Integer.getInteger("bench.hand-over-batch", 100);

	private static final int CLIENTS = 50;

	/** Client threads posting to the HTTP API, as a payroll module in another process would. */
	private static final int API_CLIENTS = 4;

	static final String SMTP_USER = "smtp@bench.nl";

	static final String SMTP_PASSWORD = "bench-geheim";

	private static final byte[] PAYSLIP = payslipPdf(60 * 1024);

	private final Report report = new Report();

	@Test
	void measureAndWriteReport() throws Exception {
		long started = System.nanoTime();
		report.machine();
		if (FIGURES.contains("3") || FIGURES.contains("4")) {
			jarFigures();
		}
		List<String[]> databases = new ArrayList<>();
		if (DATABASES.contains("h2")) {
			databases.add(new String[] { "H2", "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "sa" });
		}
		String postgres = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/");
		boolean withPostgres = DATABASES.contains("postgresql")
				&& (FIGURES.contains("1") || FIGURES.contains("2") || FIGURES.contains("5"))
				&& createPostgresDatabase(postgres);
		if (withPostgres) {
			databases.add(new String[] { "PostgreSQL", postgres + "salaronline_bench", "postgres" });
		}
		else if (DATABASES.contains("postgresql")) {
			report.note("PostgreSQL at " + postgres + " not reachable: its figures are missing from this run.");
		}
		try {
			for (String[] database : databases) {
				GreenMail smtp = TestSmtpServers.smtpWithAuth(SMTP_USER, SMTP_PASSWORD);
				try (ConfigurableApplicationContext context = start(database, smtp)) {
					if (FIGURES.contains("1")) {
						mailFigures(database[0], context, smtp);
					}
					if (FIGURES.contains("5")) {
						limitsFigure(database[0], context, smtp);
					}
					if (FIGURES.contains("2")) {
						routingFigures(database[0], context);
					}
				}
				finally {
					smtp.stop();
				}
			}
		}
		finally {
			if (withPostgres) {
				dropPostgresDatabase(postgres);
			}
		}
		report.took(Duration.ofNanos(System.nanoTime() - started));
		report.write(Path.of(System.getProperty("bench.report", "docs/PERFORMANCE.md")));
	}

	// --- figures 3 and 4: the packaged jar ---

	private void jarFigures() throws Exception {
		Path jar = Path.of(System.getProperty("bench.jar", "target/smtp-instellingen-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).exists();
		int port = TestSmtpServers.freePort();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		StartedJar app = startJar(java, List.of(), jar, port);
		try {
			Thread.sleep(2000);
			long rssAfterStart = rssKiB(app.process().pid());
			if (FIGURES.contains("4")) {
				report.figure4(app.wallSeconds(), app.springSeconds(), rssAfterStart);
			}
			if (FIGURES.contains("3")) {
				screenFigure(app, URI.create("http://127.0.0.1:" + port));
			}
		}
		finally {
			stop(app.process());
		}
		if (FIGURES.contains("4")) {
			cdsFigure(java, jar);
		}
	}

	private void screenFigure(StartedJar app, URI base) throws Exception {
		List<CloseableHttpClient> sessions = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			sessions.add(login(base, "accountant", "accountant"));
		}
		// warm-up, not counted
		load(base, "/gebruiker/smtp-instellingen", sessions, Duration.ofSeconds(3));
		load(base, "/actuator/health", sessions, Duration.ofSeconds(2));
		Load screen = load(base, "/gebruiker/smtp-instellingen", sessions, LOAD);
		Load health = load(base, "/actuator/health", sessions, LOAD);
		report.figure3(screen, health, rssKiB(app.process().pid()));
		for (CloseableHttpClient session : sessions) {
			session.close();
		}
	}

	/**
	 * Figure 4 again with Class Data Sharing, as the README documents it for the jar (and the Docker image does it):
	 * the jar extracted, a training run that exits once the context is refreshed, then a start with the archive.
	 */
	private void cdsFigure(String java, Path jar) throws Exception {
		Path directory = Path.of("target", "bench-cds");
		org.springframework.util.FileSystemUtils.deleteRecursively(directory);
		run(List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", directory.toString()));
		Path extracted = directory.resolve(jar.getFileName());
		Path archive = directory.resolve("app.jsa");
		List<String> training = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:ArchiveClassesAtExit=" + archive,
				"-Dspring.context.exit=onRefresh", "-jar", extracted.toString()));
		training.addAll(appArguments(TestSmtpServers.freePort()));
		run(training);
		StartedJar app = startJar(java, List.of("-XX:SharedArchiveFile=" + archive), extracted,
				TestSmtpServers.freePort());
		try {
			Thread.sleep(2000);
			report.figure4Cds(app.wallSeconds(), app.springSeconds(), rssKiB(app.process().pid()), null);
		}
		finally {
			stop(app.process());
		}
		// the same start as the JVM sets itself up in a container of less than 1,792 MB, where a small instance runs:
		// the serial collector and an initial heap of 1/64 of the memory; on this 24 GB machine the JVM would choose
		// G1 and an initial heap larger than -Xmx256m, so all 256 MB of heap are committed at once
		StartedJar small = startJar(java, List.of("-XX:SharedArchiveFile=" + archive, "-Xms32m", "-XX:+UseSerialGC"),
				extracted, TestSmtpServers.freePort());
		try {
			Thread.sleep(2000);
			report.figure4Cds(small.wallSeconds(), small.springSeconds(), rssKiB(small.process().pid()),
					"-Xms32m -XX:+UseSerialGC");
		}
		finally {
			stop(small.process());
		}
	}

	private record StartedJar(Process process, double wallSeconds, String springSeconds) {
	}

	/** Launches the jar as figure 4 measures it and returns once it logged "Started". */
	private static StartedJar startJar(String java, List<String> jvmOptions, Path jar, int port) throws Exception {
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
		command.addAll(jvmOptions);
		// e.g. -Dbench.jar-jvm-args=-XX:StartFlightRecording=filename=/tmp/jar.jfr,settings=profile to profile it
		command.addAll(List.of(System.getProperty("bench.jar-jvm-args", "").split("\\s+")));
		command.removeIf(String::isEmpty);
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(appArguments(port));
		Process app = new ProcessBuilder(command).redirectErrorStream(true)
			.start();
		long launched = System.nanoTime();
		try {
			CompletableFuture<String> startedLine = new CompletableFuture<>();
			Thread reader = new Thread(() -> {
				try (BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream()))) {
					String line;
					while ((line = lines.readLine()) != null) {
						if (line.contains("Started SmtpInstellingenApplication")) {
							startedLine.complete(line);
						}
					}
				}
				catch (IOException ex) {
					startedLine.completeExceptionally(ex);
				}
				startedLine.completeExceptionally(new IllegalStateException("the jar stopped before it started"));
			}, "bench-jar-output");
			reader.setDaemon(true);
			reader.start();
			String line = startedLine.get(300, TimeUnit.SECONDS);
			double wall = (System.nanoTime() - launched) / 1e9;
			Matcher reported = Pattern.compile("in ([0-9.]+) seconds").matcher(line);
			return new StartedJar(app, wall, reported.find() ? reported.group(1) : "?");
		}
		catch (Exception ex) {
			stop(app);
			throw ex;
		}
	}

	/** As a developer starts it, on its own in-memory H2; no mail catcher, so it never takes a port it does not own. */
	private static List<String> appArguments(int port) {
		return List.of("--server.port=" + port, "--spring.datasource.url=jdbc:h2:mem:bench-jar;DB_CLOSE_DELAY=-1",
				"--salaronline.dev-mail-catcher.enabled=false", "--logging.level.root=WARN",
				"--logging.level.nl.salaronline.SmtpInstellingenApplication=INFO");
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("failed: " + String.join(" ", command));
		}
	}

	private static void stop(Process app) throws InterruptedException {
		app.destroy();
		if (!app.waitFor(20, TimeUnit.SECONDS)) {
			app.destroyForcibly();
		}
	}

	private static long rssKiB(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		return -1;
	}

	/**
	 * A client with its own session of a signed-in accountant, as a browser has: its own cookie store and one kept-alive
	 * connection. Apache HttpClient's blocking client, not {@code java.net.http.HttpClient}: measured on this machine
	 * the latter spent about 2 ms of CPU per request in the benchmark JVM (its selector thread and futures), as much as
	 * the health endpoint itself on the 2 shared cores; this one about a third of that.
	 */
	private static CloseableHttpClient login(URI base, String username, String password) throws Exception {
		CloseableHttpClient client = HttpClients.custom()
			.setDefaultCookieStore(new BasicCookieStore())
			.disableRedirectHandling()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnPerRoute(1)
				.setMaxConnTotal(1)
				.build())
			.build();
		String page = client.execute(new HttpGet(base.resolve("/login")), answer -> EntityUtils.toString(answer.getEntity()));
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
		assertThat(csrf.find()).as("login form has a CSRF token").isTrue();
		HttpPost form = new HttpPost(base.resolve("/login"));
		form.setEntity(new UrlEncodedFormEntity(List.of(new BasicNameValuePair("username", username),
				new BasicNameValuePair("password", password), new BasicNameValuePair("_csrf", csrf.group(1)))));
		String location = client.execute(form, answer -> {
			EntityUtils.consume(answer.getEntity());
			return answer.containsHeader("Location") ? answer.getFirstHeader("Location").getValue() : "";
		});
		assertThat(location).doesNotContain("error").isNotEmpty();
		return client;
	}

	/** Each client requests the path again as soon as it has read the whole answer, for the duration. */
	private static Load load(URI base, String path, List<CloseableHttpClient> clients, Duration duration)
			throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(clients.size());
		long end = System.nanoTime() + duration.toNanos();
		AtomicInteger errors = new AtomicInteger();
		List<CompletableFuture<long[]>> results = new ArrayList<>();
		for (CloseableHttpClient client : clients) {
			results.add(CompletableFuture.supplyAsync(() -> {
				long[] latencies = new long[1024];
				int count = 0;
				HttpGet request = new HttpGet(base.resolve(path));
				while (System.nanoTime() < end) {
					long start = System.nanoTime();
					try {
						int status = client.execute(request, answer -> {
							EntityUtils.toByteArray(answer.getEntity());
							return answer.getCode();
						});
						if (status != 200) {
							errors.incrementAndGet();
						}
					}
					catch (Exception ex) {
						errors.incrementAndGet();
					}
					if (count == latencies.length) {
						latencies = Arrays.copyOf(latencies, count * 2);
					}
					latencies[count++] = System.nanoTime() - start;
				}
				return Arrays.copyOf(latencies, count);
			}, threads));
		}
		long[] all = results.stream().map(CompletableFuture::join).flatMapToLong(Arrays::stream).sorted().toArray();
		threads.shutdown();
		return new Load(path, all.length / (duration.toNanos() / 1e9), percentile(all, 50), percentile(all, 99),
				errors.get(), all.length);
	}

	private static double percentile(long[] sorted, int p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

	record Load(String path, double perSecond, double p50Ms, double p99Ms, int errors, int requests) {
	}

	// --- the application in this JVM, for figures 1 and 2 ---

	static ConfigurableApplicationContext start(String[] database, GreenMail smtp) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database[1],
				"--spring.datasource.username=" + database[2], "--spring.datasource.password=",
				"--salaronline.mail.worker.enabled=true", "--salaronline.mail.worker.id=bench",
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + TestSmtpServers.port(smtp),
				"--logging.level.root=WARN", "--spring.thymeleaf.cache=true", "--spring.jpa.show-sql=false",
				// figure 2 keeps hundreds of connections open, which takes longer than the default 30 s on a busy machine
				"--salaronline.mail.connection.idle-timeout=PT10M"));
		if (database[1].startsWith("jdbc:postgresql")) {
			// PostgreSQL's driver set up as the prod profile sets it up
			args.add("--spring.datasource.hikari.data-source-properties.reWriteBatchedInserts=true");
		}
		return new SpringApplicationBuilder(SmtpInstellingenApplication.class).run(args.toArray(String[]::new));
	}

	static boolean createPostgresDatabase(String url) {
		try (Connection connection = DriverManager.getConnection(url + "postgres", "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists salaronline_bench");
			statement.execute("create database salaronline_bench");
			return true;
		}
		catch (Exception ex) {
			System.out.println("PostgreSQL not used: " + ex);
			return false;
		}
	}

	static void dropPostgresDatabase(String url) {
		try (Connection connection = DriverManager.getConnection(url + "postgres", "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists salaronline_bench");
		}
		catch (Exception ex) {
			System.out.println("Could not drop salaronline_bench: " + ex);
		}
	}

	// --- figure 1: bulk sending ---

	private void mailFigures(String database, ConfigurableApplicationContext context, GreenMail smtp) throws Exception {
		Levels levels = new Levels(context);
		URI api = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
		// warm-up of both sides, not counted: the JIT needs a few thousand mails (a first run of 1,000 plain Jakarta
		// Mail sends went at a third of the speed of the fifth)
		for (boolean pdf : KINDS) {
			int warmUp = pdf ? WARM_UP / 4 : WARM_UP;
			viaService(context, levels.fresh(smtp), warmUp, pdf);
			baseline(smtp, warmUp, pdf);
			viaApi(context, api, levels.fresh(smtp), warmUp, pdf);
			smtp.purgeEmailFromAllMailboxes();
		}

		HeapPeak heap = HeapPeak.start();
		for (boolean pdf : KINDS) {
			List<Pair> pairs = new ArrayList<>();
			for (int i = 0; i < (pdf ? PDF_PAIRS : PAIRS); i++) {
				Cpu cpu = new Cpu();
				Report.Run plain = cpu.run(baseline(smtp, MAILS, pdf));
				Map<String, Double> plainParts = cpu.parts();
				smtp.purgeEmailFromAllMailboxes();
				cpu = new Cpu();
				Report.Run service = cpu.run(viaService(context, levels.fresh(smtp), MAILS, pdf));
				Pair pair = new Pair(plain, service, plainParts, cpu.parts());
				pairs.add(pair);
				System.out.printf(Locale.ROOT, "[bench] pair %d: plain %.0f mails/s, %.0f µs CPU per mail (JIT %.0f); "
						+ "MailService %.0f mails/s, %.0f µs (JIT %.0f)%n", i + 1, plain.perSecond(), plain.cpuMicros(),
						pair.plainParts().getOrDefault(Cpu.JIT, 0.0), service.perSecond(),
						service.cpuMicros(), pair.serviceParts().getOrDefault(Cpu.JIT, 0.0));
				smtp.purgeEmailFromAllMailboxes();
			}
			Pair median = pairs.stream().sorted(Comparator.comparingDouble(Pair::ratio)).toList().get(pairs.size() / 2);
			if (!pdf) {
				report.cpuParts(database + ", plain", median.plainParts());
				report.cpuParts(database + ", `MailService`", median.serviceParts());
			}
			Cpu cpu = new Cpu();
			Report.Run http = cpu.run(viaApi(context, api, levels.fresh(smtp), MAILS, pdf));
			smtp.purgeEmailFromAllMailboxes();
			report.figure1(database, pdf, median.plain(), median.service(), http,
					pairs.stream().map(Pair::ratio).toList());
		}
		report.peakHeap(database, heap.stop());
	}

	/** The baseline and {@code MailService} measured one after the other. */
	private record Pair(Report.Run plain, Report.Run service, Map<String, Double> plainParts,
			Map<String, Double> serviceParts) {

		double ratio() {
			return service.perSecond() / plain.perSecond();
		}

	}

	/** CPU used from its creation (benchmark JVM and PostgreSQL), per mail of a run. */
	private static final class Cpu {

		/** The part of {@link #parts()} that is the JIT compiler's threads. */
		static final String JIT = "(JIT compiler threads)";

		private final long postgres = CpuClock.postgresNanos();

		private final long jvm = CpuClock.jvmNanos();

		private final Map<Long, CpuClock.ThreadCpu> threads = CpuClock.threads();

		private final CpuClock.VmThreads vm = CpuClock.vmThreads();

		Report.Run run(double perSecond) {
			return new Report.Run(perSecond, (CpuClock.nanos() - jvm - postgres) / 1000.0 / MAILS,
					(CpuClock.postgresNanos() - postgres) / 1000.0 / MAILS);
		}

		/**
		 * Where the CPU went, per mail: by Java thread (named without their numbers), the JIT compiler's and the
		 * garbage collector's threads, the rest of the JVM, and PostgreSQL. A thread that ended during the run is left
		 * out: the baseline's GreenMail connection, closed at its end, shows under "other JVM threads".
		 */
		Map<String, Double> parts() {
			Map<String, Double> parts = new TreeMap<>();
			long threadsTotal = 0;
			for (Map.Entry<Long, CpuClock.ThreadCpu> now : CpuClock.threads().entrySet()) {
				CpuClock.ThreadCpu before = threads.get(now.getKey());
				long used = now.getValue().nanos() - (before == null ? 0 : before.nanos());
				if (used > 0) {
					threadsTotal += used;
					parts.merge(part(now.getValue().name()), used / 1000.0 / MAILS, Double::sum);
				}
			}
			CpuClock.VmThreads vmNow = CpuClock.vmThreads();
			long jit = vmNow.jitNanos() - vm.jitNanos();
			long gc = vmNow.gcNanos() - vm.gcNanos();
			parts.put(JIT, jit / 1000.0 / MAILS);
			parts.put("(garbage collector threads)", gc / 1000.0 / MAILS);
			parts.put("(other JVM threads)", (CpuClock.jvmNanos() - jvm - threadsTotal - jit - gc) / 1000.0 / MAILS);
			parts.put("(PostgreSQL's processes)", (CpuClock.postgresNanos() - postgres) / 1000.0 / MAILS);
			parts.values().removeIf(micros -> micros < 5);
			return parts;
		}

		/** GreenMail names a thread after its connection's addresses; other threads after their pool and number. */
		private static String part(String threadName) {
			return threadName.startsWith("smtp:") ? "GreenMail connection" : threadName.replaceAll("[0-9]+", "N");
		}

	}

	/** Plain Jakarta Mail: the same messages over one reused connection (TCP_NODELAY, as our transports use). */
	static double baseline(GreenMail smtp, int count, boolean pdf) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.auth", "true");
		properties.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
		properties.put("mail.smtp.connectiontimeout", "10000");
		properties.put("mail.smtp.timeout", "10000");
		Session session = Session.getInstance(properties);
		int before = smtp.getReceivedMessages().length;
		long start = System.nanoTime();
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect("127.0.0.1", TestSmtpServers.port(smtp), SMTP_USER, SMTP_PASSWORD);
			for (int i = 0; i < count; i++) {
				MimeMessage message = message(session, i, pdf);
				message.saveChanges();
				transport.sendMessage(message, message.getAllRecipients());
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(smtp.getReceivedMessages().length - before).isEqualTo(count);
		return count / seconds;
	}

	private static MimeMessage message(Session session, int i, boolean pdf) throws Exception {
		MimeMessage message = new MimeMessage(session);
		message.setFrom(new InternetAddress("loon@bench-werkgever.nl", "Bakkerij De Korenbloem", "UTF-8"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(to(i)));
		message.setSubject(subject(i), "UTF-8");
		message.setSentDate(new java.util.Date());
		if (!pdf) {
			message.setText(text(i), "UTF-8");
			return message;
		}
		MimeBodyPart body = new MimeBodyPart();
		body.setText(text(i), "UTF-8");
		MimeBodyPart attachment = new MimeBodyPart();
		attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(PAYSLIP, "application/pdf")));
		attachment.setFileName("loonstrook.pdf");
		message.setContent(new MimeMultipart(body, attachment));
		return message;
	}

	private static double viaService(ConfigurableApplicationContext context, Employer employer, int count,
			boolean pdf) {
		MailService mails = context.getBean(MailService.class);
		SentCount sent = new SentCount(context);
		long start = System.nanoTime();
		List<OutgoingMail> run = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			OutgoingMail mail = OutgoingMail.toEmployee(employer.getCode(), to(i), subject(i), text(i));
			run.add(pdf ? mail.withAttachment(new MailAttachment("loonstrook.pdf", "application/pdf", PAYSLIP)) : mail);
			if (run.size() == HAND_OVER_BATCH || i == count - 1) {
				mails.sendAll(run);
				run.clear();
			}
		}
		double handedOver = (System.nanoTime() - start) / 1e9;
		sent.await(count);
		double seconds = (System.nanoTime() - start) / 1e9;
		assertAllSent(context, employer, count);
		System.out.printf(Locale.ROOT, "[bench] MailService: %d mails handed over in %.2f s, all SENT after %.2f s%n", count,
				handedOver, seconds);
		return count / seconds;
	}

	/** Four client threads, as a payroll module in another process posting its run would. */
	private static double viaApi(ConfigurableApplicationContext context, URI base, Employer employer, int count,
			boolean pdf) throws Exception {
		String authorization = "Basic " + Base64.getEncoder().encodeToString("payroll:payroll".getBytes());
		String attachments = pdf ? ",\"attachments\":[{\"filename\":\"loonstrook.pdf\",\"contentType\":\"application/pdf\","
				+ "\"base64\":\"" + Base64.getEncoder().encodeToString(PAYSLIP) + "\"}]" : "";
		ExecutorService posters = Executors.newFixedThreadPool(API_CLIENTS);
		AtomicInteger next = new AtomicInteger();
		AtomicInteger rejected = new AtomicInteger();
		SentCount sent = new SentCount(context);
		long start = System.nanoTime();
		List<CompletableFuture<Void>> done = new ArrayList<>();
		for (int t = 0; t < API_CLIENTS; t++) {
			done.add(CompletableFuture.runAsync(() -> {
				// each poster its own kept-alive connection, as a payroll module's HTTP client pool would give it
				try (CloseableHttpClient client = HttpClients.custom()
					.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
						.setMaxConnPerRoute(1)
						.setMaxConnTotal(1)
						.build())
					.build()) {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						String json = "{\"employerCode\":\"" + employer.getCode() + "\",\"recipient\":\"EMPLOYEE\",\"to\":\""
								+ to(i) + "\",\"subject\":\"" + subject(i) + "\",\"text\":\"" + text(i) + "\"" + attachments
								+ "}";
						HttpPost post = new HttpPost(base.resolve("/api/v1/mails"));
						post.setHeader("Authorization", authorization);
						post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
						int status = client.execute(post, answer -> {
							EntityUtils.consume(answer.getEntity());
							return answer.getCode();
						});
						if (status != 202) {
							rejected.incrementAndGet();
							System.out.println("API answered " + status);
						}
					}
				}
				catch (IOException ex) {
					rejected.incrementAndGet();
					System.out.println("API call failed: " + ex);
				}
			}, posters));
		}
		done.forEach(CompletableFuture::join);
		posters.shutdown();
		assertThat(rejected.get()).isZero();
		sent.await(count);
		double rate = count / ((System.nanoTime() - start) / 1e9);
		assertAllSent(context, employer, count);
		return rate;
	}

	/**
	 * Counts mails recorded SENT by the outbox (its {@code salaronline.mails} counter, incremented after the commit):
	 * cheap enough to poll every millisecond, where a query every few milliseconds would take CPU from the worker.
	 */
	static final class SentCount {

		private final MeterRegistry registry;

		private final double before;

		SentCount(ConfigurableApplicationContext context) {
			registry = context.getBean(MeterRegistry.class);
			before = sent();
		}

		void await(int count) {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
			while (sent() - before < count) {
				assertThat(System.nanoTime()).as("all mails SENT within 5 minutes").isLessThan(deadline);
				LockSupport.parkNanos(1_000_000);
			}
		}

		private double sent() {
			return registry.find("salaronline.mails").tag("status", "SENT").counters().stream()
				.mapToDouble(Counter::count)
				.sum();
		}

	}

	/** Afterwards, the database agrees: every mail of the run SENT, none failed. */
	static void assertAllSent(ConfigurableApplicationContext context, Employer employer, int count) {
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		long sent = jdbc.sql("select count(*) from mail where employer_id = ? and status = 'SENT'")
			.param(employer.getId())
			.query(Long.class)
			.single();
		assertThat(sent).as("mails SENT").isEqualTo(count);
	}

	static String to(int i) {
		return "werknemer-" + i + "@ontvanger.nl";
	}

	static String subject(int i) {
		return "Loonstrook november 2026 (" + i + ")";
	}

	static String text(int i) {
		return "Beste medewerker " + i + ", in de bijlage vindt u uw loonstrook over november 2026. "
				+ "Met vriendelijke groet, Bakkerij De Korenbloem";
	}

	/** Incompressible bytes after a PDF header, like a compressed PDF's streams. */
	private static byte[] payslipPdf(int size) {
		byte[] pdf = new byte[size];
		new Random(7).nextBytes(pdf);
		byte[] header = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(header, 0, pdf, 0, header.length);
		return pdf;
	}

	/** Fresh employers with own SMTP on the benchmark's server, stored as the settings screen stores them. */
	static final class Levels {

		private final MailFixtures fixtures;

		private final OwnSmtpLevels levels;

		private final Account account;

		Levels(ConfigurableApplicationContext context) {
			fixtures = new MailFixtures(context.getBean(AccountRepository.class),
					context.getBean(EmployerRepository.class));
			levels = new OwnSmtpLevels(context.getBean(JdbcClient.class), context.getBean(StringEncryptor.class));
			account = fixtures.account("Bench Accountants");
		}

		Employer fresh(GreenMail smtp) {
			Employer employer = fixtures.employer(account, "Bakkerij De Korenbloem");
			levels.use(employer, TestSmtpServers.port(smtp), SmtpSecurity.NONE, SMTP_USER, SMTP_PASSWORD, null);
			return employer;
		}

	}

	/** The largest used heap seen, sampled every 10 ms. */
	private static final class HeapPeak {

		private final AtomicLong peak = new AtomicLong();

		private volatile boolean running = true;

		private final Thread sampler;

		private HeapPeak() {
			sampler = new Thread(() -> {
				while (running) {
					long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
					peak.accumulateAndGet(used, Math::max);
					try {
						Thread.sleep(10);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "bench-heap-peak");
			sampler.setDaemon(true);
			sampler.start();
		}

		static HeapPeak start() {
			System.gc();
			return new HeapPeak();
		}

		long stop() throws InterruptedException {
			running = false;
			sampler.join();
			return peak.get();
		}

	}

	/** Sets TCP_NODELAY on every socket, as {@code SmtpConnections} does for our own transports. */
	static final class NoDelaySocketFactory extends SocketFactory {

		private final SocketFactory plain = SocketFactory.getDefault();

		@Override
		public Socket createSocket() throws IOException {
			return noDelay(plain.createSocket());
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return noDelay(plain.createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
			return noDelay(plain.createSocket(host, port, local, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return noDelay(plain.createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
			return noDelay(plain.createSocket(address, port, local, localPort));
		}

		private static Socket noDelay(Socket socket) throws IOException {
			socket.setTcpNoDelay(true);
			return socket;
		}

	}

	// --- figure 5: sending limits (issue 15) ---

	/** Levels of figure 5's payroll run, each an employer with own SMTP on the benchmark's server. */
	static final int LIMIT_LEVELS = Integer.getInteger("bench.limit-levels", 200);

	/** How many of them have "Maximaal aantal e-mails per minuut" {@value #PER_MINUTE}. */
	static final int LIMITED_LEVELS = Integer.getInteger("bench.limited-levels", 20);

	static final int PER_MINUTE = 30;

	/**
	 * Mails each limited level sent just before the measured run (an earlier part of the payroll run): with 2,000 mails
	 * over 200 levels each level has only 10, under its limit of 30; with 25 sent before, 5 of its run's mails go and
	 * the other 5 wait for the minute to roll, so both the send slots and the waiting are in the measured run.
	 */
	static final int SENT_BEFORE = Integer.getInteger("bench.limit-sent-before", 25);

	/**
	 * Pairs of figure 5's runs before it measures (the JIT compiler took 460-1,450 µs per mail of the first runs after
	 * the application started, against about 0.4 ms in the ones after).
	 */
	static final int LIMIT_WARM_UP_PAIRS = Integer.getInteger("bench.limit-warm-up-pairs", 3);

	/** Figure 5 measures the run without and with limits this many times in turn; the median ratio is reported. */
	static final int LIMIT_PAIRS = Integer.getInteger("bench.limit-pairs", 5);

	/**
	 * Figure 5: a payroll run of {@link #MAILS} mails over {@value #LIMIT_LEVELS} levels, {@value #LIMITED_LEVELS} of them
	 * limited to {@value #PER_MINUTE} per minute, against the same run with no level limited; the clock runs until the
	 * unlimited levels' mails are all SENT. The limited levels' waiting mails are not waited for.
	 */
	private void limitsFigure(String database, ConfigurableApplicationContext context, GreenMail smtp)
			throws Exception {
		// warm-up of both kinds of run, not counted
		for (int i = 0; i < LIMIT_WARM_UP_PAIRS; i++) {
			limitsRun(context, smtp, false);
			limitsRun(context, smtp, true);
		}
		List<LimitsRun[]> pairs = new ArrayList<>();
		for (int i = 0; i < LIMIT_PAIRS; i++) {
			// which run goes first alternates, so that a JIT still speeding up favours neither
			LimitsRun free;
			LimitsRun limited;
			if (i % 2 == 0) {
				free = limitsRun(context, smtp, false);
				limited = limitsRun(context, smtp, true);
			}
			else {
				limited = limitsRun(context, smtp, true);
				free = limitsRun(context, smtp, false);
			}
			pairs.add(new LimitsRun[] { free, limited });
			System.out.printf(Locale.ROOT, "[bench] limits pair %d: no limits %.0f mails/s, %d limited levels %.0f mails/s "
					+ "(ratio %.2f); limited levels sent %d, waiting %d, at most %d to one level; FAILED %d%n", i + 1,
					free.run().perSecond(), LIMITED_LEVELS, limited.run().perSecond(),
					limited.run().perSecond() / free.run().perSecond(), limited.limitedSent(), limited.limitedWaiting(),
					limited.mostToOneLevel(), free.failed() + limited.failed());
		}
		List<Double> ratios = pairs.stream().map(pair -> pair[1].run().perSecond() / pair[0].run().perSecond()).toList();
		LimitsRun[] median = pairs.stream()
			.sorted(Comparator.comparingDouble(pair -> pair[1].run().perSecond() / pair[0].run().perSecond()))
			.toList()
			.get(pairs.size() / 2);
		int mostToOneLevel = pairs.stream().mapToInt(pair -> pair[1].mostToOneLevel()).max().orElse(0);
		int failed = pairs.stream().mapToInt(pair -> pair[0].failed() + pair[1].failed()).sum();
		double longest = pairs.stream().mapToDouble(pair -> pair[1].seconds()).max().orElse(0);
		report.figure5(database, median[0], median[1], ratios, mostToOneLevel, longest, failed);
	}

	/**
	 * One run of figure 5 with fresh levels.
	 * @param run the unlimited levels' mails per second (clock from the first hand-over until they were all SENT) and
	 * CPU per mail of the run
	 * @param limitedSent the limited levels' mails of the measured run SENT by the time the others were
	 * @param limitedWaiting those waiting for their level's limit then (QUEUED, {@code waiting_for} RATE_LIMIT)
	 * @param mostToOneLevel the most mails the SMTP server received for one limited level, the mails sent before
	 * included
	 * @param seconds from the first mail sent before until the check: all counted mails within one window when under
	 * a minute
	 */
	record LimitsRun(Report.Run run, int limitedSent, int limitedWaiting, int mostToOneLevel, double seconds,
			int failed) {
	}

	private LimitsRun limitsRun(ConfigurableApplicationContext context, GreenMail smtp, boolean limits)
			throws Exception {
		Seeded levels = manyEmployersWithOwnSmtp(context, TestSmtpServers.port(smtp), LIMIT_LEVELS, SmtpSecurity.NONE,
				null);
		int every = LIMIT_LEVELS / LIMITED_LEVELS;
		List<Long> freeIds = new ArrayList<>();
		List<Long> limitedIds = new ArrayList<>();
		List<Integer> limitedLevels = new ArrayList<>();
		for (int level = 0; level < LIMIT_LEVELS; level++) {
			if (level % every == 0 && limitedLevels.size() < LIMITED_LEVELS) {
				limitedIds.add(levels.ids()[level]);
				limitedLevels.add(level);
			}
			else {
				freeIds.add(levels.ids()[level]);
			}
		}
		if (limits) {
			limit(context, limitedIds.stream().mapToLong(Long::longValue).toArray(), PER_MINUTE, null);
		}
		MailService mails = context.getBean(MailService.class);
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		smtp.purgeEmailFromAllMailboxes();
		// every run starts with no kept connection: the earlier runs' 200 levels each kept one (idle timeout 10 minutes
		// here), and once more than max-idle (1,000) were kept, runs took 7-16 s instead of about 3 s, wall time
		// rather than CPU (1.1-1.8 ms of CPU per mail either way): the limits were then no longer what was measured
		RoutingJmh.closeKeptConnections(context);

		// what the limited levels sent just before (in both runs, so they differ in the limits alone)
		long firstSent = System.nanoTime();
		SentCount sentBefore = new SentCount(context);
		List<OutgoingMail> part = new ArrayList<>();
		for (int level : limitedLevels) {
			for (int i = 0; i < SENT_BEFORE; i++) {
				part.add(OutgoingMail.toEmployee(levels.codes()[level], "eerder-" + i + "@niveau-" + level + ".nl",
						subject(i), text(i)));
			}
		}
		for (int from = 0; from < part.size(); from += HAND_OVER_BATCH) {
			mails.sendAll(part.subList(from, Math.min(part.size(), from + HAND_OVER_BATCH)));
		}
		sentBefore.await(part.size());

		int freeCount = 0;
		List<OutgoingMail> run = new ArrayList<>();
		for (int i = 0; i < MAILS; i++) {
			int level = i % LIMIT_LEVELS;
			if (!limitedLevels.contains(level)) {
				freeCount++;
			}
			run.add(OutgoingMail.toEmployee(levels.codes()[level], "werknemer-" + i + "@niveau-" + level + ".nl",
					subject(i), text(i)));
		}
		SentCount sent = new SentCount(context);
		Cpu cpu = new Cpu();
		long start = System.nanoTime();
		for (int from = 0; from < run.size(); from += HAND_OVER_BATCH) {
			mails.sendAll(run.subList(from, Math.min(run.size(), from + HAND_OVER_BATCH)));
		}
		// the counter first (cheap), then the unlimited levels' SENT in the database for the last ones
		sent.await(freeCount);
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (count(jdbc, "status = 'SENT'", freeIds) < freeCount) {
			assertThat(System.nanoTime()).as("the unlimited levels' mails SENT within 5 minutes").isLessThan(deadline);
			LockSupport.parkNanos(2_000_000);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		Report.Run measured = cpu.run(freeCount / seconds);
		Map<String, Double> parts = cpu.parts();

		int limitedSent = (int) count(jdbc, "status = 'SENT' and to_address like 'werknemer-%'", limitedIds);
		int limitedWaiting = (int) count(jdbc, "status = 'QUEUED' and waiting_for = 'RATE_LIMIT'", limitedIds);
		int most = 0;
		for (int level : limitedLevels) {
			most = Math.max(most, smtp.getReceivedMessagesForDomain("niveau-" + level + ".nl").length);
		}
		double window = (System.nanoTime() - firstSent) / 1e9;
		List<Long> all = new ArrayList<>(freeIds);
		all.addAll(limitedIds);
		int failed = (int) count(jdbc, "status = 'FAILED'", all);
		// the mails that may go finish; the waiting ones are removed, so that they do not go out during a later run
		// (or figure 2) a minute from now
		deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (count(jdbc, "(status = 'SENDING' or (status = 'QUEUED' and waiting_for is null))", all) > 0) {
			assertThat(System.nanoTime()).as("the run's mails that may go sent within 5 minutes").isLessThan(deadline);
			LockSupport.parkNanos(10_000_000);
		}
		failed = Math.max(failed, (int) count(jdbc, "status = 'FAILED'", all));
		jdbc.sql("delete from mail where status = 'QUEUED' and waiting_for = 'RATE_LIMIT' and employer_id in (:ids)")
			.param("ids", limitedIds)
			.update();
		smtp.purgeEmailFromAllMailboxes();
		System.out.printf(Locale.ROOT, "[bench] limits run (%s): %d unlimited levels' mails SENT in %.2f s; CPU per mail "
				+ "of the run %.0f µs: %s%n", limits ? LIMITED_LEVELS + " levels limited" : "no limits", freeCount, seconds,
				measured.cpuMicros(), parts);
		return new LimitsRun(measured, limitedSent, limitedWaiting, most, window, failed);
	}

	private static long count(JdbcClient jdbc, String condition, List<Long> employerIds) {
		return jdbc.sql("select count(*) from mail where " + condition + " and employer_id in (:ids)")
			.param("ids", employerIds)
			.query(Long.class)
			.single();
	}

	// --- figure 2: routing ---

	private void routingFigures(String database, ConfigurableApplicationContext context) throws Exception {
		// the levels' server runs in its own JVM: the heap measured below is then the client's alone
		try (SeparateSmtpServer smtp = SeparateSmtpServer.start(SMTP_USER, SMTP_PASSWORD)) {
			long[] ids = manyEmployersWithOwnSmtp(context, smtp.port(), EMPLOYERS, SmtpSecurity.NONE, null).ids();
			// levels with implicit TLS (what most providers use), trusting GreenMail's test certificate by its pin
			long[] tlsIds = manyEmployersWithOwnSmtp(context, smtp.tlsPort(), KEPT_CONNECTIONS, SmtpSecurity.SSL_TLS,
					TestSmtpServers.greenMailCertificateSha256()).ids();
			routingFigures(database, context, ids, tlsIds);
		}
	}

	private void routingFigures(String database, ConfigurableApplicationContext context, long[] ids, long[] tlsIds)
			throws Exception {
		RoutingJmh.context = context;
		RoutingJmh.employerIds = ids;
		Collection<RunResult> results = routingJmh(RoutingJmh.class.getName());
		double[] prepare = score(results, "routeAndPrepareTransport");
		double[] route = score(results, "routeAndPrepareOneMail");
		RoutingJmh.routeAll(context, tlsIds);
		KeptConnections plain = keptConnectionHeap(context, Arrays.copyOf(ids, KEPT_CONNECTIONS));
		KeptConnections tls = keptConnectionHeap(context, tlsIds);
		// issue 15: the same 10,000 levels with "Maximaal aantal e-mails per minuut / per dag" filled in (as the
		// Microsoft 365 preset fills them: 30 and 10,000), saved as the screen saves them (the version raised, so
		// every route is read again in the JMH setup)
		limit(context, ids, 30, 10_000);
		analyze(context);
		double[] limited = score(routingJmh(RoutingJmh.class.getName() + ".routeAndPrepareTransport"),
				"routeAndPrepareTransport");
		report.figure2(database, prepare[0], prepare[1], limited[0], limited[1], route[0], route[1], plain, tls);
	}

	private static Collection<RunResult> routingJmh(String include) throws Exception {
		return new Runner(new OptionsBuilder().include(include)
			.forks(0)
			.threads(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(1))
			.build()).run();
	}

	/** Sets the levels' sending limits as the SMTP Instellingen screen saves them (the settings' version raised). */
	private static void limit(ConfigurableApplicationContext context, long[] employerIds, Integer perMinute,
			Integer perDay) {
		List<Object[]> rows = new ArrayList<>();
		for (long id : employerIds) {
			rows.add(new Object[] { perMinute, perDay, id });
		}
		context.getBean(JdbcTemplate.class)
			.batchUpdate("update smtp_settings set max_per_minute = ?, max_per_day = ?, version = version + 1 "
					+ "where employer_id = ?", rows);
	}

	/**
	 * The client's heap per kept SMTP connection: each level keeps one (its route was read before), to the GreenMail
	 * in another process; measured as the live objects before and after (jcmd
	 * GC.class_histogram, after a full GC). 10,000 levels keep at most {@code max-idle} of them.
	 */
	private static KeptConnections keptConnectionHeap(ConfigurableApplicationContext context, long[] ids)
			throws Exception {
		// one connection opened and closed first, so that classes loaded and caches filled once are not counted
		RoutingJmh.keepConnection(context, ids[0]);
		RoutingJmh.closeKeptConnections(context);
		long usedBefore = usedHeapAfterGc();
		Map<String, long[]> before = histogram();
		for (long id : ids) {
			RoutingJmh.keepConnection(context, id);
		}
		Map<String, long[]> after = histogram();
		long usedAfter = usedHeapAfterGc();
		long kept = RoutingJmh.keptConnections(context);
		RoutingJmh.closeKeptConnections(context);
		assertThat(kept).as("connections kept").isEqualTo(ids.length);
		List<ClassShare> shares = new ArrayList<>();
		long total = 0;
		for (Map.Entry<String, long[]> entry : after.entrySet()) {
			long[] was = before.getOrDefault(entry.getKey(), new long[2]);
			long bytes = entry.getValue()[1] - was[1];
			total += bytes;
			shares.add(new ClassShare(entry.getKey(), (entry.getValue()[0] - was[0]) / (double) kept,
					bytes / (double) kept));
		}
		for (Map.Entry<String, long[]> entry : before.entrySet()) {
			if (!after.containsKey(entry.getKey())) {
				total -= entry.getValue()[1];
			}
		}
		shares.sort(Comparator.comparingDouble(ClassShare::bytes).reversed());
		System.out.printf(Locale.ROOT, "[bench] kept connections: live objects +%.1f KB each (used heap after GC "
				+ "+%.1f KB each)%n", total / 1024.0 / kept, (usedAfter - usedBefore) / 1024.0 / kept);
		return new KeptConnections(total / (double) kept, context.getBean(OutboxProperties.class).connection().maxIdle(),
				shares.subList(0, Math.min(12, shares.size())));
	}

	/** What a kept connection costs: bytes each, the cap on how many are kept, and the classes that take most. */
	record KeptConnections(double bytesEach, int maxIdle, List<ClassShare> largest) {
	}

	/** Instances and bytes of one class per kept connection. */
	record ClassShare(String name, double instances, double bytes) {
	}

	/** Live objects by class after a full GC ({@code jcmd <pid> GC.class_histogram}): name to {instances, bytes}. */
	private static Map<String, long[]> histogram() throws IOException, InterruptedException {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		Process process = new ProcessBuilder(jcmd, Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
			.redirectErrorStream(true)
			.start();
		Pattern row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
		Map<String, long[]> classes = new HashMap<>();
		try (BufferedReader lines = process.inputReader()) {
			String line;
			while ((line = lines.readLine()) != null) {
				Matcher matcher = row.matcher(line);
				if (matcher.matches()) {
					long[] counts = classes.computeIfAbsent(matcher.group(3), name -> new long[2]);
					counts[0] += Long.parseLong(matcher.group(1));
					counts[1] += Long.parseLong(matcher.group(2));
				}
			}
		}
		assertThat(process.waitFor()).as("jcmd GC.class_histogram exit code").isZero();
		assertThat(classes).as("classes in the heap histogram").isNotEmpty();
		return classes;
	}

	private static double[] score(Collection<RunResult> results, String method) {
		RunResult result = results.stream()
			.filter(r -> r.getParams().getBenchmark().endsWith("." + method))
			.findFirst()
			.orElseThrow();
		return new double[] { result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError() };
	}

	/** Employers seeded with own SMTP: their ids and codes, in the same order. */
	private record Seeded(long[] ids, String[] codes) {
	}

	private static Seeded manyEmployersWithOwnSmtp(ConfigurableApplicationContext context, int smtpPort, int count,
			SmtpSecurity security, String pinnedSha256) {
		Account account = new MailFixtures(context.getBean(AccountRepository.class),
				context.getBean(EmployerRepository.class))
			.account("Bench Routing");
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		String run = MailFixtures.unique().substring(0, 8);
		List<Object[]> employers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			employers.add(new Object[] { "R" + run + i, "Werkgever " + i, "loon-" + i + "@werkgever-" + run + ".nl",
					account.getId() });
		}
		jdbc.batchUpdate("insert into employer (code, name, email, account_id) values (?, ?, ?, ?)", employers);
		List<Map<String, Object>> rows = jdbc.queryForList("select id, code from employer where code like ? order by id",
				"R" + run + "%");
		long[] ids = rows.stream().mapToLong(row -> ((Number) row.get("id")).longValue()).toArray();
		String[] codes = rows.stream().map(row -> (String) row.get("code")).toArray(String[]::new);
		// the same ciphertext for all (jasypt's key derivation would make 10,000 encryptions slow); each decrypts
		String password = context.getBean(StringEncryptor.class).encrypt(SMTP_PASSWORD);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		List<Object[]> settings = new ArrayList<>();
		for (long id : ids) {
			// "Geen" confirmed for plain SMTP, as the screen stores it (the sender does not sign in without it)
			settings.add(new Object[] { id, smtpPort, SMTP_USER, security.name(), password, pinnedSha256,
					security == SmtpSecurity.NONE, now });
		}
		jdbc.batchUpdate("insert into smtp_settings (employer_id, enabled, host, port, username, security, auth_method, "
				+ "password_encrypted, pinned_certificate_sha256, plain_text_sign_in_confirmed, updated_by, updated_at, "
				+ "version) values (?, true, '127.0.0.1', ?, ?, ?, 'PASSWORD', ?, ?, ?, 'bench', ?, 0)", settings);
		analyze(context);
		return new Seeded(ids, codes);
	}

	/**
	 * Statistics as a running database has them (autovacuum analyzes a table within a minute of such a load): without
	 * them PostgreSQL's generic plan for the claim's "in (...)" lookups was a scan of all 10,000 rows.
	 */
	private static void analyze(ConfigurableApplicationContext context) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		String analyze = context.getEnvironment().getProperty("spring.datasource.url", "").startsWith("jdbc:h2")
				? "analyze table " : "analyze ";
		jdbc.execute(analyze + "employer");
		jdbc.execute(analyze + "smtp_settings");
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
