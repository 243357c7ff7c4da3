package nl.salaronline.demodata;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import nl.salaronline.SmtpInstellingenApplication;
import nl.salaronline.testsupport.RequiredEnvironment;

/**
 * SPEC section 11 and issue 17: instances starting at the same moment on one empty PostgreSQL database all come up
 * (Flyway takes PostgreSQL's advisory lock; demo data creation takes one of its own), with one copy of everything.
 */
class SimultaneousStartTests {

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private String schema;

	@AfterEach
	void stop() throws Exception {
		instances.forEach(ConfigurableApplicationContext::close);
		if (schema != null) {
			try (Connection connection = DriverManager.getConnection(RequiredEnvironment.postgresUrl(), "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("drop schema if exists " + schema + " cascade");
			}
		}
	}

	@Test
	void twoInstancesStartingTogetherOnAnEmptyDatabaseComeUpWithOneCopyOfTheDemoData() throws Exception {
		RequiredEnvironment.requirePostgres();
		schema = "simultaneous_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(RequiredEnvironment.postgresUrl(), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("create schema " + schema);
		}
		String base = RequiredEnvironment.postgresUrl();
		String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;

		ExecutorService starters = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<ConfigurableApplicationContext>> started = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				started.add(starters.submit(() -> {
					go.await();
					return start(url);
				}));
			}
			go.countDown();
			for (Future<ConfigurableApplicationContext> each : started) {
				instances.add(each.get());
			}
		}
		finally {
			starters.shutdownNow();
		}
		JdbcClient jdbc = instances.get(0).getBean(JdbcClient.class);
		assertOneCopyOfTheDemoData(jdbc);
		assertThat(jdbc.sql("select count(*) from flyway_schema_history where success and version is not null "
				+ "group by version having count(*) > 1").query(Long.class).list()).as("each migration ran once").isEmpty();

		// and again, now 20 threads on both instances at once creating the demo data that was deleted
		jdbc.sql("delete from employer").update();
		jdbc.sql("delete from app_user").update();
		jdbc.sql("delete from account").update();
		ExecutorService threads = Executors.newFixedThreadPool(20);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<?>> creations = new ArrayList<>();
			for (int t = 0; t < 20; t++) {
				DemoData demoData = instances.get(t % 2).getBean(DemoData.class);
				creations.add(threads.submit(() -> {
					go.await();
					demoData.afterSingletonsInstantiated();
					return null;
				}));
			}
			go.countDown();
			for (Future<?> creation : creations) {
				creation.get(); // none failed
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertOneCopyOfTheDemoData(jdbc);
	}

	@Test
	void aDatabaseThatHasTheDemoAccountTwiceKeepsBothUnderDifferentNamesAndStarts() {
		String url = "jdbc:h2:mem:twice-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
		JdbcClient jdbc = JdbcClient.create(dataSource);
		try {
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2")
				.target("9").load().migrate();
			for (int i = 0; i < 2; i++) {
				jdbc.sql("insert into account (name, email) values ('Demo Accountants B.V.', 'info@demo-accountants.nl')")
					.update();
			}
			Long second = jdbc.sql("select max(id) from account").query(Long.class).single();
			jdbc.sql("insert into employer (code, name, email, account_id) values ('1001', 'Bakkerij De Korenbloem', "
					+ "'salaris@korenbloem.nl', :id)").param("id", second).update();

			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2")
				.load().migrate();

			assertThat(jdbc.sql("select name from account order by id").query(String.class).list())
				.containsExactly("Demo Accountants B.V.", "Demo Accountants B.V. (dubbel " + second + ")");
			assertThat(jdbc.sql("select account_id from employer").query(Long.class).single())
				.as("the renamed account keeps its employer").isEqualTo(second);

			instances.add(new SpringApplicationBuilder(SmtpInstellingenApplication.class).run(
					"--spring.datasource.url=" + url, "--spring.datasource.username=sa", "--server.port=0",
					"--salaronline.mail.worker.enabled=false", "--salaronline.dev-mail-catcher.enabled=false"));
			assertThat(jdbc.sql("select count(*) from account where name = 'Demo Accountants B.V.'")
				.query(Long.class).single()).isOne();
		}
		finally {
			instances.forEach(ConfigurableApplicationContext::close);
			instances.clear();
			jdbc.sql("shutdown").update();
		}
	}

	private static void assertOneCopyOfTheDemoData(JdbcClient jdbc) {
		assertThat(jdbc.sql("select name from account order by name").query(String.class).list())
			.containsExactly("Andere Accountants B.V.", "Demo Accountants B.V.");
		assertThat(jdbc.sql("select username from app_user order by username").query(String.class).list())
			.containsExactly("accountant", "admin", "ander", "payroll");
		assertThat(jdbc.sql("select code from employer order by code").query(String.class).list())
			.containsExactly("1001", "1002", "2001");
	}

	private ConfigurableApplicationContext start(String url) {
		return new SpringApplicationBuilder(SmtpInstellingenApplication.class).run("--spring.datasource.url=" + url,
				"--spring.datasource.username=postgres", "--spring.datasource.password=", "--server.port=0",
				"--salaronline.demo-data=true", "--salaronline.initial-admin-password=eerste-beheerder",
				"--salaronline.mail.worker.enabled=false", "--salaronline.dev-mail-catcher.enabled=false",
				"--spring.datasource.hikari.maximum-pool-size=12");
	}

}
