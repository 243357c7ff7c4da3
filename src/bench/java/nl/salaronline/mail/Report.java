package nl.salaronline.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Prints each figure as it is measured and writes them to docs/PERFORMANCE.md with the machine and the targets. */
final class Report {

	private final List<String> machine = new ArrayList<>();

	private final List<String> figure1 = new ArrayList<>();

	private final List<String> peakHeap = new ArrayList<>();

	private final Map<String, Map<String, Double>> cpuParts = new LinkedHashMap<>();

	private final List<String> figure2 = new ArrayList<>();

	private final List<String> keptConnectionClasses = new ArrayList<>();

	private final List<String> figure3 = new ArrayList<>();

	private final List<String> figure4 = new ArrayList<>();

	private final List<String> figure5 = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private Duration took = Duration.ZERO;

	void machine() {
		machine.add("- Date (UTC): " + Instant.now().toString().substring(0, 16).replace('T', ' '));
		machine.add("- CPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores (`nproc`)");
		machine.add("- Memory: " + memTotal());
		machine.add("- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.add("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
				+ "; benchmark JVM max heap " + mb(Runtime.getRuntime().maxMemory()));
		machine.add("- Load average at the start (1/5/15 min; the 2 cores are shared with other builds): " + loadAverage());
		machine.forEach(line -> print(line.substring(2)));
	}

	/**
	 * A figure-1 run: mails per second, and CPU per mail of the benchmark JVM and PostgreSQL together, and of
	 * PostgreSQL alone.
	 */
	record Run(double perSecond, double cpuMicros, double postgresMicros) {
	}

	/**
	 * @param baseline and {@code service}: the pair with the median of {@code ratios}, the ratios of all pairs
	 * measured
	 */
	void figure1(String database, boolean pdf, Run baseline, Run service, Run api, List<Double> ratios) {
		String kind = pdf ? "60 KB PDF" : "small text";
		double serviceRatio = service.perSecond() / baseline.perSecond();
		double apiRatio = api.perSecond() / baseline.perSecond();
		String all = ratios.stream().map(ratio -> String.format(Locale.ROOT, "%.2f", ratio))
			.collect(Collectors.joining(" / "));
		figure1.add(String.format(Locale.ROOT,
				"| %s | %s | %.0f | %.0f | **%.2f** %s | %s | %.0f | **%.2f** %s | %.0f / %.0f / %.0f µs | %.0f / %.0f / %.0f µs |",
				database, kind, baseline.perSecond(), service.perSecond(), serviceRatio, met(serviceRatio >= 0.8), all,
				api.perSecond(), apiRatio, met(apiRatio >= 0.5), baseline.cpuMicros(), service.cpuMicros(),
				api.cpuMicros(), baseline.postgresMicros(), service.postgresMicros(), api.postgresMicros()));
		print(String.format(Locale.ROOT,
				"Figure 1 %s %s: baseline %.0f mails/s, MailService %.0f mails/s (ratio %.2f, target >= 0.8; all pairs %s), "
						+ "HTTP API %.0f mails/s (ratio %.2f, target >= 0.5); CPU per mail %.0f / %.0f / %.0f µs "
						+ "(PostgreSQL %.0f / %.0f / %.0f µs)",
				database, kind, baseline.perSecond(), service.perSecond(), serviceRatio, all, api.perSecond(), apiRatio,
				baseline.cpuMicros(), service.cpuMicros(), api.cpuMicros(), baseline.postgresMicros(),
				service.postgresMicros(), api.postgresMicros()));
	}

	void cpuParts(String database, Map<String, Double> parts) {
		cpuParts.put(database, parts);
		print("CPU of the small-mail run on " + database + ", µs per mail:");
		parts.forEach((part, micros) -> print(String.format(Locale.ROOT, "  %7.0f  %s", micros, part)));
	}

	void peakHeap(String database, long bytes) {
		peakHeap.add("| " + database + " | " + mb(bytes) + " |");
		print("Figure 4 peak heap during figure 1 on " + database + ": " + mb(bytes));
	}

	/**
	 * @param limitedMicros and {@code limitedError}: the same claims of 50 with every level's sending limits filled in
	 */
	void figure2(String database, double micros, double error, double limitedMicros, double limitedError,
			double routeMicros, double routeError, PerformanceBenchmark.KeptConnections plain,
			PerformanceBenchmark.KeptConnections tls) {
		int keptAtMost = Math.min(10_000, tls.maxIdle());
		double atMost = Math.max(plain.bytesEach(), tls.bytesEach()) * keptAtMost;
		figure2.add(String.format(Locale.ROOT,
				"| %s | %.1f ± %.1f µs %s | %.1f ± %.1f µs %s | %.1f ± %.1f µs | %.1f KB / %.1f KB | %,d | %s %s |",
				database, micros, error, met(micros <= 20), limitedMicros, limitedError, met(limitedMicros <= 20),
				routeMicros, routeError, plain.bytesEach() / 1024, tls.bytesEach() / 1024, keptAtMost,
				mb((long) atMost), met(atMost <= 50L * 1024 * 1024)));
		print(String.format(Locale.ROOT,
				"Figure 2 %s: route and prepare %.1f ± %.1f µs per mail in claims of 50 (target <= 20), with every level "
						+ "limited %.1f ± %.1f µs (target <= 20), a claim of one mail %.1f ± %.1f µs; "
						+ "kept connection %.1f KB (plain) / %.1f KB (TLS) of client heap, 10,000 levels keep at most "
						+ "%,d (max-idle): %s (target <= 50 MB; %s without the cap)",
				database, micros, error, limitedMicros, limitedError, routeMicros, routeError,
				plain.bytesEach() / 1024, tls.bytesEach() / 1024, keptAtMost, mb((long) atMost),
				mb((long) (tls.bytesEach() * 10_000))));
		if (keptConnectionClasses.isEmpty()) {
			for (PerformanceBenchmark.ClassShare share : tls.largest()) {
				keptConnectionClasses.add(String.format(Locale.ROOT, "| `%s` | %.1f | %,.0f |", share.name(),
						share.instances(), share.bytes()));
			}
		}
		for (PerformanceBenchmark.KeptConnections kept : List.of(plain, tls)) {
			print((kept == plain ? "plain" : "TLS") + " connection, largest classes:");
			for (PerformanceBenchmark.ClassShare share : kept.largest()) {
				print(String.format(Locale.ROOT, "  %6.1f x %-60s %,8.0f bytes", share.instances(), share.name(),
						share.bytes()));
			}
		}
	}

	void figure3(PerformanceBenchmark.Load screen, PerformanceBenchmark.Load health, long rssKiB) {
		double share = screen.perSecond() / health.perSecond();
		for (PerformanceBenchmark.Load load : List.of(screen, health)) {
			figure3.add(String.format(Locale.ROOT, "| `%s` | %.0f | %.1f | %.1f | %d | %d |", load.path(),
					load.perSecond(), load.p50Ms(), load.p99Ms(), load.requests(), load.errors()));
			print(String.format(Locale.ROOT, "Figure 3 %s: %.0f requests/s, p50 %.1f ms, p99 %.1f ms, %d errors",
					load.path(), load.perSecond(), load.p50Ms(), load.p99Ms(), load.errors()));
		}
		figure3.add("");
		figure3.add(String.format(Locale.ROOT,
				"Settings screen: p99 %.1f ms %s (target <= 50 ms); throughput %.0f%% of the health endpoint %s "
						+ "(target >= 30%%). Resident memory of the jar after the load: %s.",
				screen.p99Ms(), met(screen.p99Ms() <= 50), share * 100, met(share >= 0.3), mb(rssKiB * 1024)));
		print(figure3.get(figure3.size() - 1));
	}

	void figure4(double wallSeconds, String springSeconds, long rssKiB) {
		figure4.add(String.format(Locale.ROOT, "| startup, launch until \"Started\" logged | %.1f s (Spring reports %s s) |",
				wallSeconds, springSeconds));
		figure4.add("| resident memory (VmRSS) 2 s after startup, `-Xmx256m` | " + mb(rssKiB * 1024) + " |");
		print(String.format(Locale.ROOT, "Figure 4: startup %.1f s (Spring: %s s), RSS after startup %s", wallSeconds,
				springSeconds, mb(rssKiB * 1024)));
	}

	/** Figure 4 with Class Data Sharing, measured in the same run right after the plain jar. */
	/** @param options the JVM options beside {@code -Xmx256m} and the archive, or {@code null} for none */
	void figure4Cds(double wallSeconds, String springSeconds, long rssKiB, String options) {
		String with = options == null ? "" : " and `" + options + "`";
		figure4.add(String.format(Locale.ROOT,
				"| startup with CDS (extracted jar, `-XX:SharedArchiveFile`)%s, launch until \"Started\" logged | %.1f s "
						+ "(Spring reports %s s) |",
				with, wallSeconds, springSeconds));
		figure4.add("| resident memory (VmRSS) 2 s after startup with CDS, `-Xmx256m`" + with + " | "
				+ mb(rssKiB * 1024) + " |");
		print(String.format(Locale.ROOT, "Figure 4 with CDS%s: startup %.1f s (Spring: %s s), RSS after startup %s",
				with, wallSeconds, springSeconds, mb(rssKiB * 1024)));
	}

	/**
	 * Figure 5: the unlimited levels' mails per second in the run without limits ({@code free}) and with limited
	 * levels ({@code limited}), the pair with the median ratio; the ratios of all pairs.
	 * @param mostToOneLevel the most mails one limited level's server received in any run, within {@code longest}
	 * seconds
	 */
	void figure5(String database, PerformanceBenchmark.LimitsRun free, PerformanceBenchmark.LimitsRun limited,
			List<Double> ratios, int mostToOneLevel, double longest, int failed) {
		double ratio = limited.run().perSecond() / free.run().perSecond();
		String all = ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).collect(Collectors.joining(" / "));
		String window = longest < 60 ? String.format(Locale.ROOT, "%d (≤ 30 in %.0f s) %s", mostToOneLevel, longest,
				met(mostToOneLevel <= 30)) : String.format(Locale.ROOT, "%d in %.0f s (more than a minute: not checked)",
						mostToOneLevel, longest);
		figure5.add(String.format(Locale.ROOT,
				"| %s | %.0f | %.0f | **%.2f** %s | %s | %.0f / %.0f µs | %d / %d | %s | %d %s |", database,
				free.run().perSecond(), limited.run().perSecond(), ratio, met(ratio >= 0.9), all,
				free.run().cpuMicros(), limited.run().cpuMicros(), limited.limitedSent(), limited.limitedWaiting(),
				window, failed, met(failed == 0)));
		print(String.format(Locale.ROOT,
				"Figure 5 %s: unlimited levels' mails %.0f mails/s without limits, %.0f with limited levels (ratio %.2f, "
						+ "target >= 0.9; all pairs %s); limited levels' run mails sent %d / waiting %d; most received "
						+ "by one limited level %d within %.0f s (limit %d per minute); FAILED %d",
				database, free.run().perSecond(), limited.run().perSecond(), ratio, all, limited.limitedSent(),
				limited.limitedWaiting(), mostToOneLevel, longest, 30, failed));
	}

	void note(String note) {
		notes.add("- " + note);
		print(note);
	}

	void took(Duration took) {
		this.took = took;
		machine.add("- Load average at the end: " + loadAverage());
		print("Benchmark took " + took.toSeconds() + " s");
	}

	/**
	 * Writes the measured figures between the markers of the file, keeping the hand-written analysis around them
	 * (or writes a fresh file with the markers). A figure not measured in this run (see {@code bench.figures}) keeps
	 * its section from the run recorded before, marked with that run's date.
	 */
	void write(Path file) throws IOException {
		String begin = "<!-- measured:";
		String end = "<!-- end measured -->";
		String existing = Files.exists(file) ? Files.readString(file) : "";
		int from = existing.indexOf(begin);
		int to = existing.indexOf(end);
		Map<String, String> before = from >= 0 && to > from ? sections(existing.substring(from, to)) : Map.of();
		String beforeDate = before.getOrDefault("Machine", "")
			.lines()
			.filter(line -> line.startsWith("- Date (UTC): "))
			.map(line -> line.substring("- Date (UTC): ".length()))
			.findFirst()
			.orElse(null);

		List<String> out = new ArrayList<>();
		out.add("<!-- measured: written by PerformanceBenchmark (./mvnw -Pbench verify) -->");
		out.add("### Machine");
		out.addAll(machine);
		out.add("- Benchmark run took " + took.toSeconds() + " s");
		out.add("");
		section(out, "1", figure1.isEmpty(), before, beforeDate, figure1Section());
		section(out, "2", figure2.isEmpty(), before, beforeDate, figure2Section());
		section(out, "3", figure3.isEmpty(), before, beforeDate, figure3Section());
		section(out, "4", figure4.isEmpty(), before, beforeDate, figure4Section());
		section(out, "5", figure5.isEmpty(), before, beforeDate, figure5Section());
		if (!notes.isEmpty()) {
			out.addAll(notes);
			out.add("");
		}
		while (out.get(out.size() - 1).isEmpty()) {
			out.remove(out.size() - 1);
		}
		out.add("<!-- end measured -->");

		String measured = String.join("\n", out);
		String content;
		if (from >= 0 && to > from) {
			content = existing.substring(0, from) + measured + existing.substring(to + end.length());
		}
		else if (!existing.isEmpty()) {
			content = existing + "\n" + measured + "\n";
		}
		else {
			content = "# Performance\n\n" + measured + "\n";
		}
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, content);
		print("Wrote " + file.toAbsolutePath());
	}

	/** This run's section of a figure, or, when it was not measured, the one recorded before (marked as such). */
	private static void section(List<String> out, String figure, boolean notMeasured, Map<String, String> before,
			String beforeDate, List<String> measured) {
		if (!notMeasured) {
			out.addAll(measured);
			out.add("");
			return;
		}
		String recorded = before.get(figure);
		if (recorded == null) {
			return;
		}
		List<String> lines = new ArrayList<>(recorded.lines().toList());
		String mark = "*Not measured in this run: as recorded by the run of " + beforeDate + " (UTC).*";
		// heading, empty line, then the mark (a section carried over twice keeps its first mark and date)
		if (lines.size() > 2 && lines.get(1).isEmpty() && !lines.get(2).startsWith("*Not measured in this run")) {
			lines.add(2, mark);
			lines.add(3, "");
		}
		out.addAll(lines);
		if (!lines.get(lines.size() - 1).isEmpty()) {
			out.add("");
		}
	}

	/** The measured block's sections by figure number ("1", "2", ...; "Machine"), each from its heading. */
	private static Map<String, String> sections(String block) {
		Map<String, String> sections = new LinkedHashMap<>();
		String[] parts = block.split("\n(?=### )");
		for (String part : parts) {
			if (!part.startsWith("### ")) {
				continue;
			}
			String heading = part.substring(4);
			String key = heading.startsWith("Machine") ? "Machine" : heading.substring(0, heading.indexOf('.') < 0 ? 0
					: heading.indexOf('.'));
			// notes written after the last figure belong to the run, not to the figure
			String text = part.replaceAll("(?s)\n- PostgreSQL at [^\n]*", "").stripTrailing();
			sections.put(key, text);
		}
		return sections;
	}

	private List<String> figure1Section() {
		List<String> out = new ArrayList<>();
		out.add("### 1. Bulk sending ratio (" + PerformanceBenchmark.MAILS + " mails, mails/s until all SENT)");
		out.add("");
		out.add("The baseline and `MailService` were measured in turn, " + PerformanceBenchmark.PAIRS
				+ " times for small mails and " + PerformanceBenchmark.PDF_PAIRS + " times for payslips; the row "
				+ "shows the pair with the median ratio, and the ratios of all pairs in the order measured. The API's "
				+ "ratio is against that pair's baseline.");
		out.add("");
		out.add("| database | mails | plain Jakarta Mail, one connection | `MailService` | ratio (≥ 0.8) | all pairs | "
				+ "`POST /api/v1/mails` | ratio (≥ 0.5) | CPU per mail: plain / `MailService` / API | "
				+ "of which PostgreSQL |");
		out.add("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		out.addAll(figure1);
		if (!cpuParts.isEmpty()) {
			out.add("");
			out.add("Where the CPU of the small-mail runs went, µs per mail (by thread, numbers left out of the names; "
					+ "parts under 5 µs left out; the baseline's GreenMail connection ended with its run, and its thread "
					+ "counts under other JVM threads):");
			out.add("");
			out.add("| part | " + String.join(" | ", cpuParts.keySet()) + " |");
			out.add("| --- |" + " ---: |".repeat(cpuParts.size()));
			Set<String> names = new TreeSet<>();
			cpuParts.values().forEach(parts -> names.addAll(parts.keySet()));
			for (String name : names) {
				StringBuilder row = new StringBuilder("| `" + name + "` |");
				for (Map<String, Double> parts : cpuParts.values()) {
					Double micros = parts.get(name);
					row.append(micros == null ? " – |" : String.format(Locale.ROOT, " %.0f |", micros));
				}
				out.add(row.toString());
			}
		}
		return out;
	}

	private List<String> figure2Section() {
		List<String> out = new ArrayList<>();
		out.add("### 2. Routing cost (JMH, random level among 10,000 employers with own SMTP)");
		out.add("");
		out.add("| database | route + prepare transport per mail, claims of 50 mails (≤ 20 µs) | the same, every level "
				+ "with limits (30 per minute, 10,000 per day; ≤ 20 µs) | a claim of one mail | "
				+ "heap per kept connection, plain / TLS (client side) | kept at most for 10,000 levels (`max-idle`) "
				+ "| their heap (≤ 50 MB) |");
		out.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
		out.addAll(figure2);
		out.add("");
		out.add("A kept TLS connection's live objects by class (the largest, first database; jcmd "
				+ "GC.class_histogram before and after keeping " + PerformanceBenchmark.KEPT_CONNECTIONS
				+ " of them, the SMTP server in another JVM):");
		out.add("");
		out.add("| class | instances per connection | bytes per connection |");
		out.add("| --- | ---: | ---: |");
		out.addAll(keptConnectionClasses);
		return out;
	}

	private List<String> figure3Section() {
		List<String> out = new ArrayList<>();
		out.add("### 3. Screens under load (50 signed-in clients, each its own session, "
				+ PerformanceBenchmark.LOAD.toSeconds() + " s each, the jar with `-Xmx256m` on H2)");
		out.add("");
		out.add("| path | requests/s | p50 ms | p99 ms | requests | errors |");
		out.add("| --- | ---: | ---: | ---: | ---: | ---: |");
		out.addAll(figure3);
		return out;
	}

	private List<String> figure4Section() {
		List<String> out = new ArrayList<>();
		out.add("### 4. Footprint");
		out.add("");
		out.add("| what | measured |");
		out.add("| --- | ---: |");
		out.addAll(figure4);
		out.add("");
		if (peakHeap.isEmpty()) {
			out.add("Peak used heap of the benchmark JVM during figure 1: figure 1 was not measured in this run.");
			return out;
		}
		out.add("Peak used heap of the benchmark JVM during figure 1 (sampled every 10 ms; it holds the application, "
				+ "the GreenMail server and the clients):");
		out.add("");
		out.add("| database | peak heap |");
		out.add("| --- | ---: |");
		out.addAll(peakHeap);
		return out;
	}

	private List<String> figure5Section() {
		List<String> out = new ArrayList<>();
		int levels = PerformanceBenchmark.LIMIT_LEVELS;
		int limited = PerformanceBenchmark.LIMITED_LEVELS;
		int each = PerformanceBenchmark.MAILS / levels;
		out.add("### 5. Sending limits (" + PerformanceBenchmark.MAILS + " mails over " + levels + " levels, " + limited
				+ " of them limited to " + PerformanceBenchmark.PER_MINUTE + " per minute)");
		out.add("");
		out.add("Each run has " + levels + " fresh employers with own SMTP on the loopback server and " + each
				+ " mails for each, handed over in parts of " + PerformanceBenchmark.HAND_OVER_BATCH + "; the "
				+ limited + " limited levels sent " + PerformanceBenchmark.SENT_BEFORE + " mails each just before (in "
				+ "both runs, so the runs differ in the limits alone), so only "
				+ (PerformanceBenchmark.PER_MINUTE - PerformanceBenchmark.SENT_BEFORE) + " of their run's mails fit in "
				+ "the minute and the rest waits. The clock runs from the first hand-over until the unlimited levels' "
				+ "mails are all SENT; the same run with no level limited is measured in turn (which goes "
				+ "first alternates), " + PerformanceBenchmark.LIMIT_PAIRS + " pairs after " + PerformanceBenchmark.LIMIT_WARM_UP_PAIRS + " of warm-up, and the pair with the median "
				+ "ratio is shown. CPU per mail: the benchmark JVM and PostgreSQL until then, per mail of the run.");
		out.add("");
		out.add("| database | unlimited levels' mails/s, no level limited | the same, " + limited + " levels limited "
				+ "| ratio (≥ 0.9) "
				+ "| all pairs | CPU per mail of the run: no limits / limited | limited levels' run mails: sent / "
				+ "waiting | most mails one limited level's server received, any run | FAILED, all runs |");
		out.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		out.addAll(figure5);
		return out;
	}

	private static String met(boolean met) {
		return met ? "(met)" : "(**not met**)";
	}

	static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
	}

	private static void print(String line) {
		System.out.println("[bench] " + line);
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter(line -> line.startsWith("model name"))
				.map(line -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " / " + fields[1] + " / " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String memTotal() {
		try {
			return Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter(line -> line.startsWith("MemTotal"))
				.map(line -> mb(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024))
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
