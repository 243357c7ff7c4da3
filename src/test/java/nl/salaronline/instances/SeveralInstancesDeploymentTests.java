package nl.salaronline.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * No Docker engine (nor Compose) runs here, so the several-instances variant is checked for what can be checked: the
 * override parses, runs two app replicas reachable only through nginx on the one PostgreSQL database, the app trusts
 * forwarded headers from exactly the proxy's address, the proxy sends them and lets a payroll run's batch through, and
 * a stopped replica gets longer than its shutdown phase before Docker kills it. {@code nginx -t} on nginx.conf was
 * run by hand (docs/DECISIONS.md); CI does not install nginx.
 */
class SeveralInstancesDeploymentTests {

	private static final Path BASE = Path.of("docker-compose.yml");

	private static final Path OVERRIDE = Path.of("docker-compose.instances.yml");

	private static final Path NGINX = Path.of("nginx.conf");

	/** What Compose's {@code !reset} tag stands for: the base file's value is dropped. */
	private enum Reset {

		RESET

	}

	@Test
	void twoAppReplicasAreReachedOnlyThroughTheProxyOnTheOneDatabase() throws IOException {
		Map<String, Object> base = service(compose(BASE), "app");
		Map<String, Object> app = service(compose(OVERRIDE), "app");
		assertThat(map(app.get("deploy"))).containsEntry("replicas", 2);
		assertThat(app.get("ports")).as("the base's published 8080 is reset").isEqualTo(Reset.RESET);
		assertThat(app).doesNotContainKeys("image", "build");

		Map<String, Object> environment = new HashMap<>(map(base.get("environment")));
		environment.putAll(map(app.get("environment")));
		assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "prod")
			.containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
					"JASYPT_ENCRYPTOR_PASSWORD", "SPRING_MAIL_HOST", "SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES");
		assertThat(environment.get("SPRING_DATASOURCE_URL").toString()).startsWith("jdbc:postgresql://postgres:");
		assertThat(compose(OVERRIDE).get("services").toString()).doesNotContain("postgres:");

		Map<String, Object> proxy = service(compose(OVERRIDE), "proxy");
		assertThat(proxy.get("image").toString()).matches("nginx:[0-9.]+(-alpine)?");
		assertThat(list(proxy.get("ports"))).containsExactly("8080:80");
		assertThat(list(proxy.get("volumes"))).contains("./" + NGINX + ":/etc/nginx/nginx.conf:ro");
		assertThat(NGINX).isRegularFile();
	}

	@Test
	void theAppTrustsForwardedHeadersFromExactlyTheProxysAddress() throws IOException {
		assertThat(prodProperties().getProperty("server.forward-headers-strategy"))
			.as("prod reads X-Forwarded-* through Tomcat's RemoteIpValve").isEqualTo("native");
		Map<String, Object> compose = compose(OVERRIDE);
		String proxyAddress = map(map(service(compose, "proxy").get("networks")).get("default")).get("ipv4_address")
			.toString();
		String subnet = map(list(map(map(map(compose.get("networks")).get("default")).get("ipam")).get("config"))
			.get(0)).get("subnet").toString();
		assertThat(subnet).startsWith(proxyAddress.substring(0, proxyAddress.lastIndexOf('.') + 1));

		String internalProxies = map(service(compose, "app").get("environment"))
			.get("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES")
			.toString();
		Pattern trusted = Pattern.compile(internalProxies);
		assertThat(trusted.matcher(proxyAddress).matches()).as(internalProxies + " trusts the proxy").isTrue();
		String neighbour = proxyAddress.substring(0, proxyAddress.lastIndexOf('.') + 1) + "11";
		for (String other : new String[] { neighbour, "172.28.0.100", "172x28x0x10", "10.0.0.1", "127.0.0.1" }) {
			assertThat(trusted.matcher(other).matches()).as(internalProxies + " trusts " + other).isFalse();
		}
	}

	@Test
	void theProxySendsTheClientsAddressSchemeAndHostAndTakesABatch() throws IOException {
		String nginx = Files.readString(NGINX);
		assertThat(nginx).containsPattern("upstream (\\w+) \\{\\s*server app:8080\\b")
			.containsPattern("proxy_pass http://salaronline;")
			// the edge: the address it saw, never one the client put in X-Forwarded-For
			.containsPattern("proxy_set_header X-Forwarded-For \\$remote_addr;")
			.containsPattern("proxy_set_header X-Forwarded-Proto \\$scheme;")
			.containsPattern("proxy_set_header X-Forwarded-Host \\$host;")
			// no sticky sessions: no directive that ties a client to one replica
			.doesNotContainPattern("(?m)^\\s*(ip_hash|hash|sticky)\\b");
		assertThat(Files.readString(Path.of("Dockerfile"))).contains("EXPOSE 8080");

		Matcher bodySize = Pattern.compile("client_max_body_size (\\d+)m;").matcher(nginx);
		assertThat(bodySize.find()).as("client_max_body_size in megabytes").isTrue();
		DataSize batch = DataSize.parse(applicationProperties().getProperty("salaronline.mail.api.max-batch-request-size"));
		assertThat(DataSize.ofMegabytes(Long.parseLong(bodySize.group(1)))).isGreaterThanOrEqualTo(batch);
	}

	@Test
	void dockerWaitsLongerThanTheShutdownPhaseBeforeItKills() throws IOException {
		Map<String, Object> app = service(compose(OVERRIDE), "app");
		Duration phase = DurationStyle.detectAndParse(
				map(app.get("environment")).get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE").toString());
		Duration grace = DurationStyle.detectAndParse(app.get("stop_grace_period").toString());
		// two phases may each take that long: the outbox worker's (handing claims back) and the web server's
		assertThat(grace).isGreaterThan(phase.multipliedBy(2));
		// the JVM itself gets the SIGTERM: the exec form, no shell in between
		assertThat(Files.readString(Path.of("Dockerfile"))).containsPattern("(?m)^ENTRYPOINT \\[\"java\"");
	}

	@Test
	void everyVariableOfTheOverrideIsNamedInTheEnvExample() throws IOException {
		Set<String> used = new HashSet<>();
		Matcher matcher = Pattern.compile("\\$\\{([A-Z_]+)").matcher(Files.readString(OVERRIDE));
		while (matcher.find()) {
			used.add(matcher.group(1));
		}
		String example = Files.readString(Path.of(".env.example"));
		assertThat(used).allSatisfy(variable -> assertThat(example).contains(variable + "="));
	}

	private static Map<String, Object> compose(Path file) throws IOException {
		LoaderOptions options = new LoaderOptions();
		Constructor constructor = new Constructor(options) {
			{
				this.yamlConstructors.put(new Tag("!reset"), new AbstractConstruct() {
					@Override
					public Object construct(Node node) {
						return Reset.RESET;
					}
				});
			}
		};
		return new Yaml(constructor).load(Files.readString(file));
	}

	private static Map<String, Object> service(Map<String, Object> compose, String name) {
		Map<String, Object> service = map(map(compose.get("services")).get(name));
		assertThat(service).as("service " + name).isNotNull();
		return service;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return value == null ? Map.of() : (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

	private static Properties prodProperties() throws IOException {
		return properties("application-prod.properties");
	}

	private static Properties applicationProperties() throws IOException {
		return properties("application.properties");
	}

	private static Properties properties(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(Path.of("src/main/resources", name))) {
			properties.load(in);
		}
		return properties;
	}

}
