package nl.salaronline.smtpsettings;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One entry of the audit trail: who changed which fields of a level's settings, and when. Values of secret fields
 * are never stored; a changed password is only named.
 */
@Entity
@Table(name = "smtp_settings_change")
public class SettingsChange {

	private static final DateTimeFormatter DUTCH_TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm")
		.withZone(ZoneId.of("Europe/Amsterdam"));

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "account_id", nullable = false)
	private Long accountId;

	@Column(name = "employer_id")
	private Long employerId;

	@Column(name = "level_label", nullable = false)
	private String levelLabel;

	@Column(name = "changed_by", nullable = false)
	private String changedBy;

	@Column(name = "changed_at", nullable = false)
	private Instant changedAt;

	/** One line per changed field: {@code field<TAB>old<TAB>new}; secret fields have no values. */
	@Column(nullable = false)
	private String changes;

	protected SettingsChange() {
	}

	SettingsChange(long accountId, Long employerId, String levelLabel, String changedBy, Instant changedAt,
			List<FieldChange> changes) {
		this.accountId = accountId;
		this.employerId = employerId;
		this.levelLabel = levelLabel;
		this.changedBy = changedBy;
		this.changedAt = changedAt;
		this.changes = String.join("\n", changes.stream().map(FieldChange::line).toList());
	}

	public Long getEmployerId() {
		return employerId;
	}

	public String getLevelLabel() {
		return levelLabel;
	}

	public String getChangedBy() {
		return changedBy;
	}

	public Instant getChangedAt() {
		return changedAt;
	}

	/** In Dutch time, as on the rest of the screen. */
	public String getChangedAtText() {
		return dutchTime(changedAt);
	}

	/** A Dutch product: times on the settings screens are Dutch time, as dd-MM-yyyy HH:mm. */
	static String dutchTime(Instant instant) {
		return DUTCH_TIME.format(instant);
	}

	public List<FieldChange> getChanges() {
		return Arrays.stream(changes.split("\n")).map(FieldChange::parse).toList();
	}

	/**
	 * @param field the form field, e.g. {@code host}; shown with the message key {@code audit.field.<field>}
	 * @param oldValue shown before the arrow; {@code null} for secrets
	 * @param newValue shown after the arrow; {@code null} for secrets
	 */
	public record FieldChange(String field, String oldValue, String newValue) {

		static FieldChange secret(String field) {
			return new FieldChange(field, null, null);
		}

		public boolean isSecret() {
			return oldValue == null && newValue == null;
		}

		String line() {
			return isSecret() ? field : field + "\t" + clean(oldValue) + "\t" + clean(newValue);
		}

		static FieldChange parse(String line) {
			String[] parts = line.split("\t", -1);
			return parts.length == 3 ? new FieldChange(parts[0], parts[1], parts[2]) : secret(parts[0]);
		}

		/** Values were validated (no control characters), but the audit format must never depend on that. */
		private static String clean(String value) {
			return value == null ? "" : value.replaceAll("\\p{Cntrl}", " ");
		}

	}

}
