package nl.salaronline.smtp.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain sockets whose writes a {@link WriteWatchdog} watches, for a Jakarta Mail session that connects its own
 * sockets ({@code mail.smtp.socketFactory}). Angus Mail asks for an unconnected socket and connects it with its
 * connection timeout; the other methods are there for completeness.
 */
public final class WatchedSocketFactory extends SocketFactory {

	private final WriteWatchdog watchdog;

	public WatchedSocketFactory(WriteWatchdog watchdog) {
		this.watchdog = watchdog;
	}

	@Override
	public Socket createSocket() throws IOException {
		return watchdog.watch(new Socket());
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		Socket socket = createSocket();
		socket.bind(new InetSocketAddress(localHost, localPort));
		socket.connect(new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		Socket socket = createSocket();
		socket.bind(new InetSocketAddress(localAddress, localPort));
		socket.connect(new InetSocketAddress(address, port));
		return socket;
	}

	private Socket connected(InetSocketAddress address) throws IOException {
		Socket socket = createSocket();
		socket.connect(address);
		return socket;
	}

}
