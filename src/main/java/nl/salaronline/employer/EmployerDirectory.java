package nl.salaronline.employer;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Employers as the mail service reads them on every hand-over and every claim of its worker: one indexed query with
 * plain JDBC, without loading entities (several times cheaper per row). Never cached: an admin may rename an employer
 * or give its code to another, and the next mail must see that.
 */
@Component
public class EmployerDirectory {

	private static final RowMapper<EmployerEntry> ENTRY = (row, number) -> new EmployerEntry(row.getLong("id"),
			row.getLong("account_id"), row.getString("name"), row.getString("email"));

	private final JdbcClient jdbc;

	EmployerDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The employer with this code. */
	public Optional<EmployerEntry> findByCode(String code) {
		return jdbc.sql("select id, account_id, name, email from employer where code = :code")
			.param("code", code)
			.query(ENTRY)
			.optional();
	}

	/** The employers with these ids that exist. */
	public List<EmployerEntry> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		// one array parameter rather than an "in" list of as many: one statement PostgreSQL plans once, whatever the count
		return jdbc.sql("select id, account_id, name, email from employer where id = any(:ids)")
			.param("ids", ids.toArray(Long[]::new))
			.query(ENTRY)
			.list();
	}

	/** What the mail service needs of an employer: who it is, whose it is, and its address. */
	public record EmployerEntry(long id, long accountId, String name, String email) {
	}

}
