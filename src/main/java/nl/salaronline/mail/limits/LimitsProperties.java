package nl.salaronline.mail.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sending limits and stalled levels ({@code salaronline.mail.*}; other keys under that prefix belong elsewhere).
 *
 * @param stallRetry how often the worker tries a stalled level by itself
 * @param limits the lengths of the rolling windows the limits count in, and the pause after a "too fast" reply;
 * shorter only in tests
 */
@ConfigurationProperties("salaronline.mail")
public record LimitsProperties(@DefaultValue("PT15M") Duration stallRetry, @DefaultValue Limits limits) {

	/**
	 * @param minuteWindow the window of "Maximaal aantal e-mails per minuut"
	 * @param dayWindow the window of "Maximaal aantal e-mails per dag", and the pause after a "quota reached" reply
	 * @param ratePause the pause after a "too fast" reply
	 * @param reminder how often the level's address is reminded while its sending stays stopped
	 */
	public record Limits(@DefaultValue("PT1M") Duration minuteWindow, @DefaultValue("P1D") Duration dayWindow,
			@DefaultValue("PT1M") Duration ratePause, @DefaultValue("P1D") Duration reminder) {

		/**
		 * A submission counts a little longer than its window: the server sees it a few milliseconds after we reserved
		 * its slot, so without a margin two windows' worth could meet in one of the server's windows.
		 */
		public static Duration counted(Duration window) {
			Duration margin = window.dividedBy(10);
			return window.plus(margin.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : margin);
		}

	}

}
