package nl.salaronline.employer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A werkgever whose payroll an account runs. Its code (werkgeversnummer) is unique on the platform. */
@Entity
@Table(name = "employer")
public class Employer {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, unique = true)
	private String code;

	@Column(nullable = false)
	private String name;

	/** The address mail to this employer's employees is sent from when its own SMTP is on. */
	@Column(nullable = false)
	private String email;

	@Column(name = "account_id", nullable = false)
	private Long accountId;

	protected Employer() {
	}

	public Employer(String code, String name, String email, Long accountId) {
		this.code = code;
		this.name = name;
		this.email = email;
		this.accountId = accountId;
	}

	public Long getId() {
		return id;
	}

	public String getCode() {
		return code;
	}

	public void setCode(String code) {
		this.code = code;
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public Long getAccountId() {
		return accountId;
	}

	public void setAccountId(Long accountId) {
		this.accountId = accountId;
	}

	public boolean belongsTo(Long accountId) {
		return this.accountId.equals(accountId);
	}

}
