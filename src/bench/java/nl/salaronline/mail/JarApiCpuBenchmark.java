package nl.salaronline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Issue 18's CPU target on the packaged jar: the application's CPU per mail posted to {@code POST /api/v1/mails} and
 * delivered, against a plain Jakarta Mail program's per mail sent over one connection, each in a process of its own
 * and measured alike (utime + stime of the process, {@code /proc/<pid>/stat}). The jar runs with its defaults (H2
 * file database in a fresh working directory, demo data, default logging and heap), only its port and default SMTP
 * server set; mails go to the demo employer 1001, which has no own SMTP, through the default transport to one
 * GreenMail sink in this JVM (whose CPU is not counted). 8 client threads, each with a kept-alive connection. Also
 * the same with an {@code Idempotency-Key} per mail. {@code -Dit.test=JarApiCpuBenchmark}.
 */
class JarApiCpuBenchmark {

	/** Where the CPU of the median round without key went, by thread. */
	private static Map<String, Double> medianParts = Map.of();

	static final int MAILS = Integer.getInteger("bench.mails", 2000);

	/** Rounds of {@link #MAILS} after the first, not counted, before the pairs: the JIT's warm-up, at least. */
	private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.api-warm-up-rounds", 4);

	/**
	 * Warm-up goes on after {@link #WARM_UP_ROUNDS} until the JIT compiler threads take under a twentieth of the jar's
	 * CPU in two API rounds running, so that "warm" means compiled (on 2 shared cores that took 15-20 rounds, about
	 * 3 minutes), but at most this many rounds.
	 */
	private static final int MAX_WARM_UP_ROUNDS = Integer.getInteger("bench.api-max-warm-up-rounds", 40);

	/** How many warm-up rounds the last run took, for the report. */
	private static int warmUpRounds;

	/** Measured rounds of each kind (plain, API, API with key) in turn; the median of each is reported. */
	private static final int ROUNDS = Integer.getInteger("bench.api-rounds", 5);

	private static final int CLIENTS = 8;

	/** The C1 and C2 compiler threads' name in {@code comm}, numbers left out as {@link #threadTicks} does. */
	private static final String JIT_THREADS = "CN CompilerThre";

	private static final long TICK_NANOS = 10_000_000L; // CLK_TCK 100, as on every Linux here

	@Test
	void measureAndWriteReport() throws Exception {
		// -Dbench.figures narrows the run to some figures: this one only when it names 6
		String figures = System.getProperty("bench.figures");
		org.junit.jupiter.api.Assumptions.assumeTrue(figures == null || figures.contains("6"),
				"figure 6 not among bench.figures");
		String loadBefore = loadAverage();
		Path jar = Path.of(System.getProperty("bench.jar", "target/smtp-instellingen-0.1.0-SNAPSHOT.jar"))
			.toAbsolutePath();
		assertThat(jar).exists();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		GreenMail sink = new GreenMail(new ServerSetup(TestSmtpServers.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		sink.start();
		Path directory = Files.createTempDirectory("bench-jar-api");
		int port = TestSmtpServers.freePort();
		List<String> command = new ArrayList<>(List.of(java));
		// e.g. -Dbench.api-jar-jvm-args=-XX:StartFlightRecording=filename=/tmp/api.jfr,settings=profile
		command.addAll(List.of(System.getProperty("bench.api-jar-jvm-args", "").split("\\s+")));
		command.removeIf(String::isEmpty);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + sink.getSmtp().getPort(), "--salaronline.dev-mail-catcher.enabled=false"));
		Process app = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("app.log").toFile())
			.start();
		Process plain = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				PlainSenderProcess.class.getName(), "127.0.0.1", Integer.toString(sink.getSmtp().getPort()))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try {
			awaitStarted(app, directory.resolve("app.log"));
			Api api = new Api("http://127.0.0.1:" + port);
			double first = api.round(app, sink, false, "first");
			PlainSender sender = new PlainSender(plain);
			int compiled = 0; // API rounds running with the JIT under a twentieth
			for (warmUpRounds = 0; warmUpRounds < MAX_WARM_UP_ROUNDS
					&& (warmUpRounds < WARM_UP_ROUNDS || compiled < 2); warmUpRounds++) {
				double plainMicros = sender.round(sink);
				double without = api.round(app, sink, false, "warm-" + warmUpRounds);
				double apiJit = api.lastParts.getOrDefault(JIT_THREADS, 0.0);
				double with = api.round(app, sink, true, "warm-" + warmUpRounds);
				double withJit = api.lastParts.getOrDefault(JIT_THREADS, 0.0);
				compiled = apiJit < without / 20 && withJit < with / 20 ? compiled + 1 : 0;
				System.out.printf(Locale.ROOT,
						"[bench] warm-up %d: plain %.0f µs (JIT %.0f), API %.0f µs (JIT %.0f), API with key %.0f µs (JIT %.0f) per mail%n",
						warmUpRounds + 1, plainMicros, sender.lastJit, without, apiJit, with, withJit);
			}
			List<double[]> rounds = new ArrayList<>();
			List<Map<String, Double>> parts = new ArrayList<>(); // of each round without key
			for (int i = 0; i < ROUNDS; i++) {
				// which of the two API rounds goes first alternates
				double plainMicros = sender.round(sink);
				double with = i % 2 == 1 ? api.round(app, sink, true, "r" + i) : 0;
				double without = api.round(app, sink, false, "r" + i);
				parts.add(api.lastParts);
				with = i % 2 == 0 ? api.round(app, sink, true, "r" + i) : with;
				double apiJit = parts.get(i).getOrDefault(JIT_THREADS, 0.0); // of the round without key
				rounds.add(new double[] { plainMicros, without, with, plainMicros - sender.lastJit, without - apiJit });
				System.out.printf(Locale.ROOT, "[bench] round %d: plain %.0f µs, API %.0f µs, API with key %.0f µs per mail%n",
						i + 1, plainMicros, without, with);
			}
			int median = IntStream.range(0, ROUNDS)
				.boxed()
				.sorted(Comparator.comparingDouble(i -> rounds.get(i)[1]))
				.toList()
				.get(ROUNDS / 2);
			medianParts = parts.get(median);
			long rss = rssKiB(app.pid());
			write(first, rounds, rss, loadBefore, loadAverage());
		}
		finally {
			plain.getOutputStream().close();
			plain.waitFor(10, TimeUnit.SECONDS);
			plain.destroy();
			app.destroy();
			if (!app.waitFor(30, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
			sink.stop();
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	/** The jar's clients: 8 threads, each its own kept-alive connection, as a payroll module's pool would give. */
	private static final class Api {

		private final String base;

		private final String authorization = "Basic "
				+ Base64.getEncoder().encodeToString("payroll:payroll".getBytes(StandardCharsets.US_ASCII));

		private final ExecutorService posters = Executors.newFixedThreadPool(CLIENTS);

		private final List<CloseableHttpClient> clients = new ArrayList<>();

		Api(String base) {
			this.base = base;
			for (int i = 0; i < CLIENTS; i++) {
				clients.add(HttpClients.custom()
					.setConnectionManager(
							PoolingHttpClientConnectionManagerBuilder.create().setMaxConnPerRoute(1).setMaxConnTotal(1).build())
					.build());
			}
		}

		/** Posts {@link #MAILS} and waits until the sink has them all: the app's CPU per mail, in µs. */
		double round(Process app, GreenMail sink, boolean withKey, String run) throws Exception {
			AtomicInteger next = new AtomicInteger();
			AtomicInteger refused = new AtomicInteger();
			long before = cpuTicks(app.pid());
			Map<String, Long> threadsBefore = threadTicks(app.pid());
			List<CompletableFuture<Void>> done = new ArrayList<>();
			for (CloseableHttpClient client : clients) {
				done.add(CompletableFuture.runAsync(() -> {
					for (int i = next.getAndIncrement(); i < MAILS; i = next.getAndIncrement()) {
						HttpPost post = new HttpPost(base + "/api/v1/mails");
						post.setHeader("Authorization", authorization);
						if (withKey) {
							post.setHeader("Idempotency-Key", "bench-" + run + "/mail-" + i);
						}
						post.setEntity(new StringEntity("{\"employerCode\":\"1001\",\"recipient\":\"EMPLOYEE\",\"to\":\"" + to(i)
								+ "\",\"subject\":\"" + subject(i) + "\",\"text\":\"" + text(i) + "\"}",
								ContentType.APPLICATION_JSON));
						try {
							int status = client.execute(post, answer -> {
								EntityUtils.consume(answer.getEntity());
								return answer.getCode();
							});
							if (status != 202) {
								refused.incrementAndGet();
							}
						}
						catch (IOException ex) {
							refused.incrementAndGet();
						}
					}
				}, posters));
			}
			done.forEach(CompletableFuture::join);
			assertThat(refused.get()).as("requests not answered 202").isZero();
			awaitDelivered(sink);
			lastParts = new TreeMap<>();
			threadTicks(app.pid()).forEach((name, ticks) -> {
				long used = ticks - threadsBefore.getOrDefault(name, 0L);
				if (used > 0) {
					lastParts.put(name, used * TICK_NANOS / 1000.0 / MAILS);
				}
			});
			return (cpuTicks(app.pid()) - before) * TICK_NANOS / 1000.0 / MAILS;
		}

		/** Where the last round's CPU went, µs per mail by thread name (Linux's, 15 characters at most). */
		Map<String, Double> lastParts = Map.of();

	}

	/** The plain sender process: one connection, kept over its rounds. */
	private static final class PlainSender {

		private final Process process;

		private final PrintWriter commands;

		private final BufferedReader answers;

		PlainSender(Process process) {
			this.process = process;
			commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
			answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
		}

		/** The JIT compiler threads' part of the last round, µs per mail. */
		double lastJit;

		double round(GreenMail sink) throws Exception {
			long before = cpuTicks(process.pid());
			long jitBefore = jitTicks(threadTicks(process.pid()));
			commands.println(MAILS);
			assertThat(answers.readLine()).isEqualTo("sent");
			awaitDelivered(sink);
			lastJit = (jitTicks(threadTicks(process.pid())) - jitBefore) * TICK_NANOS / 1000.0 / MAILS;
			return (cpuTicks(process.pid()) - before) * TICK_NANOS / 1000.0 / MAILS;
		}

	}

	/**
	 * Until the sink has every mail, then a further 200 ms (the same for both sides), so that what follows a
	 * delivery (recording SENT) is in the round; then the sink is emptied.
	 */
	private static void awaitDelivered(GreenMail sink) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (sink.getManagers().getImapHostManager().getAllMessages().size() < MAILS) {
			assertThat(System.nanoTime()).as("all mails delivered within 5 minutes").isLessThan(deadline);
			Thread.sleep(20);
		}
		Thread.sleep(200);
		sink.purgeEmailFromAllMailboxes();
	}

	private static void awaitStarted(Process app, Path log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (!Files.exists(log) || !Files.readString(log).contains("Started SmtpInstellingenApplication")) {
			assertThat(app.isAlive()).as("the jar is running (its log: " + log + ")").isTrue();
			assertThat(System.nanoTime()).as("the jar started within 5 minutes").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	/** utime + stime of each thread of a process by its name without numbers, in clock ticks ({@code /proc/<pid>/task}). */
	static Map<String, Long> threadTicks(long pid) {
		Map<String, Long> ticks = new TreeMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks) {
				try {
					String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "N");
					String stat = Files.readString(task.resolve("stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
				}
				catch (IOException | RuntimeException ended) {
					// the thread ended while being read
				}
			}
		}
		catch (IOException ex) {
			// no /proc
		}
		return ticks;
	}

	/** The C1 and C2 compiler threads' ticks ("C1 CompilerThre", "C2 CompilerThre" in {@code comm}). */
	private static long jitTicks(Map<String, Long> threads) {
		return threads.getOrDefault(JIT_THREADS, 0L);
	}

	/** utime + stime of a process, in clock ticks (proc(5)). */
	static long cpuTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private static long rssKiB(long pid) throws IOException {
		return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
			.filter(line -> line.startsWith("VmRSS:"))
			.map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
			.findFirst()
			.orElse(0L);
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " / " + parts[1] + " / " + parts[2];
		}
		catch (IOException ex) {
			return "?";
		}
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

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static String all(List<double[]> rounds, int column) {
		return String.join(" / ", rounds.stream().map(r -> String.format(Locale.ROOT, "%.0f", r[column])).toList());
	}

	private static void write(double first, List<double[]> rounds, long rssKiB, String loadBefore, String loadAfter)
			throws IOException {
		double plain = median(rounds.stream().map(r -> r[0]).toList());
		double api = median(rounds.stream().map(r -> r[1]).toList());
		double keyed = median(rounds.stream().map(r -> r[2]).toList());
		double apiRatio = median(rounds.stream().map(r -> r[1] / r[0]).toList());
		double keyRatio = median(rounds.stream().map(r -> r[2] / r[1]).toList());
		double plainNoJit = median(rounds.stream().map(r -> r[3]).toList());
		double apiNoJit = median(rounds.stream().map(r -> r[4]).toList());
		double noJitRatio = median(rounds.stream().map(r -> r[4] / r[3]).toList());
		List<String> lines = new ArrayList<>();
		lines.add("### 6. CPU per mail of the packaged jar, `POST /api/v1/mails` (2000 small mails, 8 clients)");
		lines.add("");
		lines.add("- Date (UTC): " + Instant.now().toString().substring(0, 16).replace('T', ' ')
				+ "; load average (1/5/15 min) at the start " + loadBefore + ", at the end " + loadAfter);
		lines.add(String.format(Locale.ROOT,
				"- %d rounds of each after %d of warm-up (at least %d, then until the JIT compiler threads took under a "
						+ "twentieth of the jar's CPU in two API rounds running, at most %d); medians, and every round in the order "
						+ "measured. The jar with its defaults (H2 file, no `-Xmx`: the JVM's default heap, a quarter of the "
						+ "memory), resident %s at the end.",
				ROUNDS, warmUpRounds, WARM_UP_ROUNDS, MAX_WARM_UP_ROUNDS, Report.mb(rssKiB * 1024)));
		lines.add("");
		lines.add("| what | CPU per mail | every round | target |");
		lines.add("| --- | ---: | ---: | --- |");
		lines.add(String.format(Locale.ROOT, "| plain Jakarta Mail, own JVM, one connection | %.0f µs | %s | |", plain,
				all(rounds, 0)));
		lines.add(String.format(Locale.ROOT, "| the jar, `POST /api/v1/mails`, warm | %.0f µs | %s | **%.2f×** the plain sender's (≤ 2×) %s |",
				api, all(rounds, 1), apiRatio, apiRatio <= 2 ? "(met)" : "(**not met**)"));
		lines.add(String.format(Locale.ROOT,
				"| the same, both without their JIT compiler threads (still compiling) | %.0f µs against %.0f µs | %s | %.2f× |",
				apiNoJit, plainNoJit, all(rounds, 4) + " against " + all(rounds, 3), noJitRatio));
		lines.add(String.format(Locale.ROOT, "| the same with an `Idempotency-Key` | %.0f µs | %s | **%+.0f %%** (≤ 10 %%) %s |",
				keyed, all(rounds, 2), (keyRatio - 1) * 100, keyRatio <= 1.1 ? "(met)" : "(**not met**)"));
		lines.add(String.format(Locale.ROOT, "| the jar's first %d mails after start (JIT at work) | %.0f µs | | |", MAILS,
				first));
		lines.add("");
		lines.add("Where the jar's CPU went in its median round without key, µs per mail, by thread (Linux's names, "
				+ "numbers left out; under 10 µs left out):");
		lines.add("");
		lines.add("| thread | µs per mail |");
		lines.add("| --- | ---: |");
		medianParts.entrySet().stream()
			.filter(part -> part.getValue() >= 10)
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.forEach(part -> lines.add(String.format(Locale.ROOT, "| `%s` | %.0f |", part.getKey(), part.getValue())));
		lines.add("");
		lines.add("The ratios are the medians of each round's ratio (API to the plain round before it; with key to "
				+ "without, in the same round).");
		lines.forEach(line -> System.out.println("[bench] " + line));
		ReportSection.write(Path.of(System.getProperty("bench.report", "docs/PERFORMANCE.md")), "jar-api-cpu", lines);
	}

}
