package nl.salaronline.mail;

import java.util.Map;

/**
 * How far a batch of mails has come.
 *
 * @param total how many mails the batch holds
 * @param counts how many of them have each status; every status is present, with 0 when none has it
 */
public record MailBatchReport(MailBatchId id, int total, Map<MailStatus, Integer> counts) {

	public MailBatchReport {
		counts = Map.copyOf(counts);
	}

}
