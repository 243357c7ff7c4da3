package nl.salaronline.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database with the application's own migrations and nothing else, for testing a component that keeps its state in
 * the database without starting the application: an in-memory H2, or a schema of its own on the local PostgreSQL
 * (skipped without it, see {@link RequiredEnvironment}). Closing it drops it.
 */
public final class MigratedDatabase implements AutoCloseable {

	private final HikariDataSource dataSource;

	private final Runnable drop;

	private MigratedDatabase(HikariDataSource dataSource, Runnable drop) {
		this.dataSource = dataSource;
		this.drop = drop;
	}

	public static MigratedDatabase h2() {
		String url = "jdbc:h2:mem:migrated-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		HikariDataSource dataSource = pool(url, "sa");
		migrate(dataSource, "h2", null);
		return new MigratedDatabase(dataSource, () -> JdbcClient.create(dataSource).sql("shutdown").update());
	}

	public static MigratedDatabase postgres() {
		RequiredEnvironment.requirePostgres();
		String base = RequiredEnvironment.postgresUrl();
		String schema = "migrated_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		HikariDataSource dataSource = pool(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema,
				"postgres");
		migrate(dataSource, "postgresql", schema);
		return new MigratedDatabase(dataSource, () -> {
			try (Connection connection = DriverManager.getConnection(base, "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("drop schema if exists " + schema + " cascade");
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	public DataSource dataSource() {
		return dataSource;
	}

	public JdbcClient jdbc() {
		return JdbcClient.create(dataSource);
	}

	public TransactionTemplate transactions() {
		return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	@Override
	public void close() {
		try {
			drop.run();
		}
		finally {
			dataSource.close();
		}
	}

	private static HikariDataSource pool(String url, String username) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(username);
		config.setPassword("");
		config.setMaximumPoolSize(24);
		config.setMinimumIdle(0);
		return new HikariDataSource(config);
	}

	private static void migrate(DataSource dataSource, String vendor, String schema) {
		var flyway = Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration", "classpath:db/vendor/" + vendor);
		if (schema != null) {
			flyway.schemas(schema).createSchemas(true);
		}
		flyway.load().migrate();
	}

}
