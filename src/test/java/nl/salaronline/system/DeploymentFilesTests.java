package nl.salaronline.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the image and compose file are checked for what can be checked: the compose file
 * parses, wires the app to PostgreSQL and the mail catcher under prod, and takes every secret from .env (whose
 * example names each variable); the image runs as non-root with a health check.
 */
class DeploymentFilesTests {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)");

	@Test
	@SuppressWarnings("unchecked")
	void composeRunsTheAppUnderProdWithPostgresAndAMailCatcher() throws IOException {
		String compose = Files.readString(Path.of("docker-compose.yml"));
		Map<String, Object> root = new Yaml().load(compose);
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) root.get("services");
		assertThat(services).containsKeys("app", "postgres", "mailpit");

		Map<String, Object> appEnvironment = (Map<String, Object>) services.get("app").get("environment");
		assertThat(appEnvironment).containsEntry("SPRING_PROFILES_ACTIVE", "prod")
			.containsEntry("SPRING_MAIL_HOST", "mailpit")
			.containsKeys("SPRING_DATASOURCE_URL", "JASYPT_ENCRYPTOR_PASSWORD");
		assertThat(appEnvironment.get("SPRING_DATASOURCE_URL").toString()).startsWith("jdbc:postgresql://postgres:");
		assertThat(appEnvironment.get("JASYPT_ENCRYPTOR_PASSWORD").toString()).startsWith("${");
		assertThat((List<String>) services.get("postgres").get("volumes")).anyMatch(v -> v.endsWith("/var/lib/postgresql/data"));
		assertThat(root).containsKey("volumes");
	}

	@Test
	void everyComposeVariableIsNamedInTheEnvExampleAndDotEnvIsIgnored() throws IOException {
		Set<String> used = new HashSet<>();
		Matcher matcher = VARIABLE.matcher(Files.readString(Path.of("docker-compose.yml")));
		while (matcher.find()) {
			used.add(matcher.group(1));
		}
		Set<String> documented = new HashSet<>();
		for (String line : Files.readAllLines(Path.of(".env.example"))) {
			if (line.contains("=") && !line.startsWith("#")) {
				documented.add(line.substring(0, line.indexOf('=')));
			}
		}
		assertThat(used).isNotEmpty();
		assertThat(documented).containsAll(used);
		assertThat(Files.readAllLines(Path.of(".gitignore"))).contains(".env");
	}

	@Test
	void imageIsBuiltWithTheWrapperAndRunsAsNonRootWithAHealthCheck() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		assertThat(dockerfile).contains("AS build", "./mvnw");
		assertThat(dockerfile).containsPattern("(?m)^USER (?!root|0\\b)\\S+");
		assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK .*\\n?.*actuator/health");
		assertThat(dockerfile).containsPattern("(?m)^FROM \\S+-jre");
	}

	@Test
	void imageStartsWithAClassDataSharingArchiveMadeByATrainingRunAsSpringBootDocumentsIt() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		assertThat(dockerfile).contains("-Djarmode=tools", "extract --destination",
				"-XX:ArchiveClassesAtExit=/app/app.jsa", "-Dspring.context.exit=onRefresh");
		assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT .*\"-XX:SharedArchiveFile=/app/app.jsa\"");
		// the training run happens in the image that runs it (the same JVM build) and before the switch to prod
		assertThat(dockerfile.indexOf("ArchiveClassesAtExit")).isGreaterThan(dockerfile.lastIndexOf("FROM "))
			.isLessThan(dockerfile.indexOf("SPRING_PROFILES_ACTIVE=prod"));
	}

}
