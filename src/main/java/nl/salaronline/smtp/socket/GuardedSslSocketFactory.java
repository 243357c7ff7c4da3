package nl.salaronline.smtp.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS on top of a host-checked connection, for STARTTLS (Angus Mail layers it through
 * {@code mail.smtp.ssl.socketFactory}) and for implicit TLS (our own connect): TLS 1.2 or newer only, the trust
 * decision of {@link ServerTrust} (PKIX or exactly the pinned certificate), and the host name checked during the
 * handshake (endpoint identification "LDAPS", the rules Angus Mail itself uses for mail servers).
 */
public final class GuardedSslSocketFactory extends SSLSocketFactory {

	/** TLS versions we speak, newest first; the same list goes into {@code mail.smtp.ssl.protocols}. */
	public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

	private final GuardedSocketFactory plain;

	private final SSLSocketFactory tls;

	public GuardedSslSocketFactory(GuardedSocketFactory plain, SSLContext context) {
		this.plain = plain;
		this.tls = context.getSocketFactory();
	}

	/** Starts TLS over an open connection; the handshake happens on first use or {@link SSLSocket#startHandshake}. */
	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, autoClose);
		ssl.setEnabledProtocols(Arrays.stream(ssl.getSupportedProtocols()).filter(PROTOCOLS::contains)
			.toArray(String[]::new));
		SSLParameters parameters = ssl.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("LDAPS");
		ssl.setSSLParameters(parameters);
		return ssl;
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return createSocket(plain.createSocket(host, port), host, port, true);
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return createSocket(plain.createSocket(host, port, localHost, localPort), host, port, true);
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return createSocket(plain.createSocket(host, port), host.getHostName(), port, true);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return createSocket(plain.createSocket(address, port, localAddress, localPort), address.getHostName(), port,
				true);
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return tls.getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return tls.getSupportedCipherSuites();
	}

}
