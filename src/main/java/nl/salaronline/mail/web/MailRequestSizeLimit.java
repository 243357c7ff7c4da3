package nl.salaronline.mail.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import nl.salaronline.mail.outbox.OutboxProperties;

/**
 * Refuses a mail request larger than the largest mail could be ({@code salaronline.mail.max-mail-size}, base64 and
 * JSON included), or a batch larger than its limit, with {@code 413} before it is read into memory: by its
 * Content-Length when given, or by counting bytes while it is read. Runs after Spring Security, so an
 * unauthenticated client learns nothing.
 */
@Configuration(proxyBeanMethods = false)
class MailRequestSizeLimit {

	private static final long JSON_ALLOWANCE = 512 * 1024;

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> mailRequestSizeFilter(OutboxProperties properties) {
		long max = properties.maxMailSize().toBytes() / 3 * 4 + 4 + JSON_ALLOWANCE;
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new Limit(max, "Mail too large",
						"The request is larger than the largest mail accepted (salaronline.mail.max-mail-size)."));
		registration.addUrlPatterns("/api/v1/mails");
		return registration;
	}

	/**
	 * A batch may be as large as its mails could be ({@code max-mail-size} each), up to
	 * {@code salaronline.mail.api.max-batch-request-size}: a thousand 7 MB mails would not fit in the heap at once.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> mailBatchRequestSizeFilter(OutboxProperties properties,
			@Value("${salaronline.mail.api.max-batch-request-size:64MB}") DataSize maxBatch) {
		long perMail = properties.maxMailSize().toBytes() / 3 * 4 + 4 + JSON_ALLOWANCE;
		long max = Math.min(maxBatch.toBytes(), perMail * MailBatchApiController.MAX_MAILS);
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new Limit(max, "Batch too large", "The request is larger than the largest batch accepted ("
						+ max + " bytes, salaronline.mail.api.max-batch-request-size): send the run in smaller batches."));
		registration.addUrlPatterns("/api/v1/mail-batches");
		return registration;
	}

	/** The size limit a request's body ran into while it was read, or {@code null}. */
	static TooLargeException tooLarge(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof TooLargeException tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}

	private static final class Limit extends OncePerRequestFilter {

		private final long max;

		private final String title;

		private final String detail;

		Limit(long max, String title, String detail) {
			this.max = max;
			this.title = title;
			this.detail = detail;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getContentLengthLong() > max) {
				response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":413,"
						+ "\"detail\":\"" + detail + "\"}");
				return;
			}
			chain.doFilter(new Counted(request, this), response);
		}

	}

	/** Stops reading a body without Content-Length (chunked) once it passes the limit. */
	private static final class Counted extends HttpServletRequestWrapper {

		private final Limit limit;

		private ServletInputStream stream;

		Counted(HttpServletRequest request, Limit limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CountingStream(super.getInputStream(), limit);
			}
			return stream;
		}

	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream in;

		private final Limit limit;

		private long count;

		CountingStream(ServletInputStream in, Limit limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				add(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				add(n);
			}
			return n;
		}

		private void add(long n) throws TooLargeException {
			count += n;
			if (count > limit.max) {
				throw new TooLargeException(limit.title, limit.detail);
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

	static final class TooLargeException extends IOException {

		private final String title;

		private final String detail;

		TooLargeException(String title, String detail) {
			super("Request body too large");
			this.title = title;
			this.detail = detail;
		}

		ProblemDetail problem() {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
			problem.setTitle(title);
			return problem;
		}

	}

}
