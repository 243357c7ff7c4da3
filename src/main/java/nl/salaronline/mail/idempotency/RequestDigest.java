package nl.salaronline.mail.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The SHA-256 of a request's method, path and body, computed while the body is read (so the body is neither kept nor
 * read twice). Only requests with an {@code Idempotency-Key} get one ({@link IdempotencyKeyFilter}): the others pay
 * nothing.
 */
public final class RequestDigest {

	private static final String ATTRIBUTE = RequestDigest.class.getName();

	private final MessageDigest digest;

	private InputStream body;

	private String hex;

	private RequestDigest(HttpServletRequest request) {
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		digest.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
	}

	/** The request to pass on: its body updates the digest as it is read. */
	static HttpServletRequest attach(HttpServletRequest request) {
		RequestDigest digest = new RequestDigest(request);
		request.setAttribute(ATTRIBUTE, digest);
		return new HttpServletRequestWrapper(request) {

			private ServletInputStream stream;

			@Override
			public ServletInputStream getInputStream() throws IOException {
				if (stream == null) {
					stream = digest.digesting(super.getInputStream());
				}
				return stream;
			}

		};
	}

	/**
	 * The hex digest of the request, reading what is left of its body first (the JSON parser may stop after the last
	 * brace). Throws when the request came without an {@code Idempotency-Key}.
	 */
	public static String of(ServletRequest request) throws IOException {
		RequestDigest digest = (RequestDigest) request.getAttribute(ATTRIBUTE);
		if (digest == null) {
			throw new IllegalStateException("No digest: the request has no Idempotency-Key or bypassed the filter");
		}
		return digest.finish();
	}

	private synchronized String finish() throws IOException {
		if (hex == null) {
			if (body != null) {
				byte[] rest = new byte[8192];
				while (body.read(rest) >= 0) {
					// digested by the stream
				}
			}
			hex = HexFormat.of().formatHex(digest.digest());
		}
		return hex;
	}

	private ServletInputStream digesting(ServletInputStream in) {
		ServletInputStream stream = new ServletInputStream() {

			@Override
			public int read() throws IOException {
				int b = in.read();
				if (b >= 0) {
					digest.update((byte) b);
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = in.read(buffer, offset, length);
				if (n > 0) {
					digest.update(buffer, offset, n);
				}
				return n;
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

		};
		body = stream;
		return stream;
	}

}
