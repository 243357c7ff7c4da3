package nl.salaronline.smtp.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;

import javax.net.SocketFactory;


/**
 * Plain sockets that check the host policy against the address they actually connect to, so a name that resolved to
 * a public address when it was saved cannot be re-pointed at an internal one (DNS rebinding). Angus Mail creates an
 * unconnected socket through {@link #createSocket()} and connects it to an {@link InetSocketAddress} it resolved
 * once; the check runs in {@link Socket#connect(SocketAddress, int)} on exactly that address.
 * <p>
 * {@link #open} is the way in for our own code: it resolves the host once, checks the policy and connects to exactly
 * that address, keeping the typed name on the address so TLS checks the certificate against the name the user typed.
 * <p>
 * TCP_NODELAY is on: a message is written in a few large chunks followed by a short command, and with Nagle's
 * algorithm plus the server's delayed ACK every such exchange stalls; payslip PDFs go 3-6 times faster without.
 */
public final class GuardedSocketFactory extends SocketFactory {

	private final Predicate<InetAddress> allowed;

	/** @param allowed the host policy's {@code allows(InetAddress)} */
	public GuardedSocketFactory(Predicate<InetAddress> allowed) {
		this.allowed = allowed;
	}

	/**
	 * A socket connected to the host as typed, after checking the address it resolved to.
	 * @throws java.net.UnknownHostException when the name does not resolve
	 * @throws HostNotAllowedException when the address is not allowed
	 */
	public Socket open(String host, int port, int connectTimeoutMillis) throws IOException {
		InetAddress resolved = InetAddress.getByName(host);
		// the same address, labelled with the typed name: getHostName() then never does a reverse lookup, and
		// Angus Mail (which takes the host for STARTTLS from the socket) checks the certificate against this name
		InetAddress named = InetAddress.getByAddress(host, resolved.getAddress());
		Socket socket = createSocket();
		try {
			socket.connect(new InetSocketAddress(named, port), connectTimeoutMillis);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
		return socket;
	}

	@Override
	public Socket createSocket() {
		return new GuardedSocket(allowed);
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		Socket socket = createSocket();
		connect(socket, new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		Socket socket = createSocket();
		socket.bind(new InetSocketAddress(localHost, localPort));
		connect(socket, new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		Socket socket = createSocket();
		connect(socket, new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		Socket socket = createSocket();
		socket.bind(new InetSocketAddress(localAddress, localPort));
		connect(socket, new InetSocketAddress(address, port));
		return socket;
	}

	private static void connect(Socket socket, InetSocketAddress address) throws IOException {
		try {
			socket.connect(address);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	private static final class GuardedSocket extends Socket {

		private final Predicate<InetAddress> allowed;

		GuardedSocket(Predicate<InetAddress> allowed) {
			this.allowed = allowed;
		}

		@Override
		public void connect(SocketAddress endpoint, int timeout) throws IOException {
			if (!(endpoint instanceof InetSocketAddress address)) {
				throw new IOException("Unsupported address type: " + endpoint);
			}
			if (address.isUnresolved()) {
				throw new UnknownHostException(address.getHostString());
			}
			if (!allowed.test(address.getAddress())) {
				throw new HostNotAllowedException(address.getHostString(), address.getAddress());
			}
			setTcpNoDelay(true);
			super.connect(address, timeout);
		}

	}

}
