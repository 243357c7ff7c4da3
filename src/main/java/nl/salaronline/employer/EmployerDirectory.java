package nl.salaronline.employer;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which employer a code names, for the mail service's hand-over: one indexed query without loading the entity. Read
 * on every hand-over, never cached: an admin may give a code to another employer.
 */
@Component
public class EmployerCodes {

	private final JdbcClient jdbc;

	EmployerCodes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<EmployerKey> find(String code) {
		return jdbc.sql("select id, account_id from employer where code = :code")
			.param("code", code)
			.query((row, number) -> new EmployerKey(row.getLong(1), row.getLong(2)))
			.optional();
	}

	/** An employer's id and the id of the account it belongs to. */
	public record EmployerKey(long id, long accountId) {
	}

}
