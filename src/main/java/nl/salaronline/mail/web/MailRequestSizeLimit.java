package nl.salaronline.mail.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import nl.salaronline.mail.outbox.OutboxProperties;

/**
 * Refuses a mail request larger than the largest mail could be ({@code salaronline.mail.max-mail-size}, base64 and
 * JSON included) with {@code 413} before it is read into memory: by its Content-Length when given, or by counting
 * bytes while it is read. Runs after Spring Security, so an unauthenticated client learns nothing.
 */
@Configuration(proxyBeanMethods = false)
class MailRequestSizeLimit {

	private static final long JSON_ALLOWANCE = 512 * 1024;

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> mailRequestSizeFilter(OutboxProperties properties) {
		long max = properties.maxMailSize().toBytes() / 3 * 4 + 4 + JSON_ALLOWANCE;
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Limit(max));
		registration.addUrlPatterns("/api/v1/mails");
		return registration;
	}

	static boolean isTooLarge(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof TooLargeException) {
				return true;
			}
		}
		return false;
	}

	static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request is larger than the largest mail accepted (salaronline.mail.max-mail-size).");
		problem.setTitle("Mail too large");
		return problem;
	}

	private static final class Limit extends OncePerRequestFilter {

		private final long max;

		Limit(long max) {
			this.max = max;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getContentLengthLong() > max) {
				response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Mail too large\",\"status\":413,"
						+ "\"detail\":\"The request is larger than the largest mail accepted "
						+ "(salaronline.mail.max-mail-size).\"}");
				return;
			}
			chain.doFilter(new Counted(request, max), response);
		}

	}

	/** Stops reading a body without Content-Length (chunked) once it passes the limit. */
	private static final class Counted extends HttpServletRequestWrapper {

		private final long max;

		private ServletInputStream stream;

		Counted(HttpServletRequest request, long max) {
			super(request);
			this.max = max;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CountingStream(super.getInputStream(), max);
			}
			return stream;
		}

	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long max;

		private long count;

		CountingStream(ServletInputStream in, long max) {
			this.in = in;
			this.max = max;
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
			if (count > max) {
				throw new TooLargeException();
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

		TooLargeException() {
			super("Request body too large");
		}

	}

}
