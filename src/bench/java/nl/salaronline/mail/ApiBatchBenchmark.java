package nl.salaronline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import nl.salaronline.employer.Employer;

/**
 * Issue 18's batch target: a run of 2,000 small mails posted to {@code POST /api/v1/mail-batches} in batches of 500
 * (one client, one kept-alive connection, as a payroll module posting its run), clocked from the first request until
 * all are SENT, against plain Jakarta Mail over one reused connection to the same GreenMail server; the application in
 * this JVM as for figure 1, on H2 and PostgreSQL. Pairs in turn (which goes first alternates), the median ratio
 * reported with all pairs. {@code -Dit.test=ApiBatchBenchmark}.
 */
class ApiBatchBenchmark {

	private static final int BATCH = Integer.getInteger("bench.api-batch", 500);

	private static final int PAIRS = PerformanceBenchmark.PAIRS;

	private static final int MAILS = PerformanceBenchmark.MAILS;

	/** Warm-up rounds (each way) at most, for each database. */
	private static final int MAX_WARM_UP = Integer.getInteger("bench.api-batch-max-warm-up", 30);

	/** How many warm-up rounds each database's run took, for the report. */
	private final Map<String, Integer> warmUps = new LinkedHashMap<>();

	@Test
	void measureAndWriteReport() throws Exception {
		// -Dbench.figures narrows the run to some figures: this one only when it names 7
		String figures = System.getProperty("bench.figures");
		org.junit.jupiter.api.Assumptions.assumeTrue(figures == null || figures.contains("7"),
				"figure 7 not among bench.figures");
		String loadBefore = JarApiCpuBenchmark.loadAverage();
		String databases = System.getProperty("bench.databases", "h2,postgresql").toLowerCase(Locale.ROOT);
		List<String> rows = new ArrayList<>();
		if (databases.contains("h2")) {
			rows.add(measure(new String[] { "H2", "jdbc:h2:mem:bench-batch;DB_CLOSE_DELAY=-1", "sa" }));
		}
		String postgres = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/");
		if (databases.contains("postgresql") && PerformanceBenchmark.createPostgresDatabase(postgres)) {
			try {
				rows.add(measure(new String[] { "PostgreSQL", postgres + "salaronline_bench", "postgres" }));
			}
			finally {
				PerformanceBenchmark.dropPostgresDatabase(postgres);
			}
		}
		List<String> lines = new ArrayList<>();
		lines.add("### 7. A run through `POST /api/v1/mail-batches` (" + MAILS + " small mails in batches of " + BATCH
				+ ", mails/s until all SENT)");
		lines.add("");
		lines.add("- Date (UTC): " + Instant.now().toString().substring(0, 16).replace('T', ' ')
				+ "; load average (1/5/15 min) at the start " + loadBefore + ", at the end "
				+ JarApiCpuBenchmark.loadAverage());
		lines.add("- The application in the benchmark JVM as for figure 1 (a fresh employer with own SMTP on the one "
				+ "GreenMail server); one client posts the batches one after the other; " + PAIRS + " pairs with plain "
				+ "Jakarta Mail in turn after a warm-up of " + PerformanceBenchmark.WARM_UP + " mails each way per round "
				+ "(at least 2 rounds, then until the JIT compiler threads took under a twentieth of the JVM's CPU in two "
				+ "rounds running, at most " + MAX_WARM_UP + "; here " + warmUps + " rounds), the pair with the median ratio "
				+ "shown. CPU per mail: the benchmark JVM (both sides' clients, the server, the application) and PostgreSQL.");
		lines.add("");
		lines.add("| database | plain Jakarta Mail, one connection | batches of " + BATCH
				+ " | ratio (≥ 0.8) | all pairs | CPU per mail: plain / batches |");
		lines.add("| --- | ---: | ---: | ---: | ---: | ---: |");
		lines.addAll(rows);
		lines.forEach(line -> System.out.println("[bench] " + line));
		ReportSection.write(Path.of(System.getProperty("bench.report", "docs/PERFORMANCE.md")), "api-batch", lines);
	}

	private String measure(String[] database) throws Exception {
		GreenMail smtp = TestSmtpServers.smtpWithAuth(PerformanceBenchmark.SMTP_USER, PerformanceBenchmark.SMTP_PASSWORD);
		try (ConfigurableApplicationContext context = PerformanceBenchmark.start(database, smtp);
				CloseableHttpClient client = HttpClients.createDefault()) {
			if (Boolean.getBoolean("bench.without-query-indexes")) {
				// what issue 18's query indexes cost the outbox (every status change updates them): an experiment only,
				// on PostgreSQL (H2 has none of them since V51)
				for (String index : List.of("ix_mail_status_created", "ix_mail_created", "ix_mail_employer_created",
						"ix_mail_batch")) {
					context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("drop index if exists " + index).update();
				}
			}
			PerformanceBenchmark.Levels levels = new PerformanceBenchmark.Levels(context);
			URI base = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
			// warm-up, not counted: at least two rounds each way, then until the JIT compiler threads took under a
			// twentieth of this JVM's CPU in two rounds running (minutes on 2 shared cores), at most MAX_WARM_UP
			int compiled = 0;
			for (int i = 0; i < MAX_WARM_UP && (i < 2 || compiled < 2); i++) {
				long cpu = CpuClock.jvmNanos();
				long jit = CpuClock.vmThreads().jitNanos();
				PerformanceBenchmark.baseline(smtp, PerformanceBenchmark.WARM_UP, false);
				viaBatches(context, client, base, levels.fresh(smtp), PerformanceBenchmark.WARM_UP);
				smtp.purgeEmailFromAllMailboxes();
				double jitShare = (CpuClock.vmThreads().jitNanos() - jit) / (double) (CpuClock.jvmNanos() - cpu);
				compiled = jitShare < 0.05 ? compiled + 1 : 0;
				warmUps.merge(database[0], 1, Integer::sum);
				System.out.printf(Locale.ROOT, "[bench] %s warm-up %d: JIT %.0f %% of the CPU%n", database[0], i + 1,
						jitShare * 100);
			}
			List<double[]> pairs = new ArrayList<>(); // plain mails/s, batches mails/s, plain CPU, batches CPU
			for (int i = 0; i < PAIRS; i++) {
				double[] pair = new double[4];
				for (int side : i % 2 == 0 ? new int[] { 0, 1 } : new int[] { 1, 0 }) {
					long cpu = CpuClock.nanos();
					pair[side] = side == 0 ? PerformanceBenchmark.baseline(smtp, MAILS, false)
							: viaBatches(context, client, base, levels.fresh(smtp), MAILS);
					pair[side + 2] = (CpuClock.nanos() - cpu) / 1000.0 / MAILS;
					smtp.purgeEmailFromAllMailboxes();
				}
				pairs.add(pair);
				System.out.printf(Locale.ROOT, "[bench] %s pair %d: plain %.0f mails/s (%.0f µs CPU), batches %.0f mails/s "
						+ "(%.0f µs), ratio %.2f%n", database[0], i + 1, pair[0], pair[2], pair[1], pair[3], pair[1] / pair[0]);
			}
			double[] median = pairs.stream().sorted(Comparator.comparingDouble(p -> p[1] / p[0])).toList()
				.get(pairs.size() / 2);
			double ratio = median[1] / median[0];
			String all = String.join(" / ",
					pairs.stream().map(p -> String.format(Locale.ROOT, "%.2f", p[1] / p[0])).toList());
			return String.format(Locale.ROOT, "| %s | %.0f | %.0f | **%.2f** %s | %s | %.0f / %.0f µs |", database[0],
					median[0], median[1], ratio, ratio >= 0.8 ? "(met)" : "(**not met**)", all, median[2], median[3]);
		}
		finally {
			smtp.stop();
		}
	}

	/** Posts the run in batches, one request after the other, and waits until all are SENT: mails per second. */
	private static double viaBatches(ConfigurableApplicationContext context, CloseableHttpClient client, URI base,
			Employer employer, int count) throws Exception {
		String authorization = "Basic "
				+ Base64.getEncoder().encodeToString("payroll:payroll".getBytes(StandardCharsets.US_ASCII));
		PerformanceBenchmark.SentCount sent = new PerformanceBenchmark.SentCount(context);
		long start = System.nanoTime();
		for (int from = 0; from < count; from += BATCH) {
			StringBuilder json = new StringBuilder("{\"mails\":[");
			for (int i = from; i < Math.min(count, from + BATCH); i++) {
				json.append(i == from ? "" : ",")
					.append("{\"employerCode\":\"")
					.append(employer.getCode())
					.append("\",\"recipient\":\"EMPLOYEE\",\"to\":\"")
					.append(PerformanceBenchmark.to(i))
					.append("\",\"subject\":\"")
					.append(PerformanceBenchmark.subject(i))
					.append("\",\"text\":\"")
					.append(PerformanceBenchmark.text(i))
					.append("\"}");
			}
			HttpPost post = new HttpPost(base.resolve("/api/v1/mail-batches"));
			post.setHeader("Authorization", authorization);
			post.setEntity(new StringEntity(json.append("]}").toString(), ContentType.APPLICATION_JSON));
			int status = client.execute(post, answer -> {
				EntityUtils.consume(answer.getEntity());
				return answer.getCode();
			});
			assertThat(status).as("the batch's answer").isEqualTo(202);
		}
		sent.await(count);
		double rate = count / ((System.nanoTime() - start) / 1e9);
		PerformanceBenchmark.assertAllSent(context, employer, count);
		return rate;
	}

}
