package nl.salaronline.paging;

import java.util.function.IntFunction;
import java.util.regex.Pattern;

import org.springframework.data.domain.Page;
import org.springframework.ui.Model;

/**
 * The {@code page} parameter of every paged list (the Verzendlog of both levels, the admin's mail queue and SMTP
 * changes). Read as text, so that no number typed into the address bar can fail to bind or overflow the query's
 * offset ({@code page * size} past {@link Integer#MAX_VALUE} answered 500): a negative or non-numeric page is the
 * first, and a page past the end shows the last page with a Dutch note ({@code page.clamped}).
 */
public final class PageNumber {

	/** Far beyond any real list, and small enough that page times any page size stays an {@code int}. */
	public static final int MAX = 1_000_000;

	/** The model attribute the layout of a list shows {@code page.clamped} for. */
	public static final String CLAMPED = "pageClamped";

	private static final Pattern DIGITS = Pattern.compile("\\d+");

	private PageNumber() {
	}

	/** The zero-based page the user asked for, within 0 and {@link #MAX}. */
	public static int of(String requested) {
		if (requested == null || !DIGITS.matcher(requested).matches()) {
			return 0;
		}
		String digits = requested.replaceFirst("^0+(?=\\d)", "");
		return digits.length() > 7 ? MAX : Math.min(Integer.parseInt(digits), MAX);
	}

	/**
	 * Runs the query for the requested page; when that page lies past the end of a non-empty list, runs it again for
	 * the last page and tells the model so.
	 */
	public static <T> Page<T> find(String requested, IntFunction<Page<T>> query, Model model) {
		int page = of(requested);
		Page<T> found = query.apply(page);
		if (found.getContent().isEmpty() && page > 0 && found.getTotalPages() > 0) {
			model.addAttribute(CLAMPED, true);
			found = query.apply(found.getTotalPages() - 1);
		}
		return found;
	}

}
