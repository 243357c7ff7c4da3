package nl.salaronline.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on a free loopback port that serves each connection on a daemon thread of its own: the common part of this
 * package's scripted SMTP servers, which answer exactly what a real provider answers (a throttle reply, a hang-up at
 * one step), something no library server lets a test choose.
 */
abstract class LoopbackSocketServer implements AutoCloseable {

	private final ServerSocket listener;

	private final List<Socket> clients = new CopyOnWriteArrayList<>();

	private final String name;

	LoopbackSocketServer(String name) throws IOException {
		this.name = name;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
	}

	/** Starts accepting; a subclass calls it last in its constructor, once its own fields are set. */
	final void start() {
		Thread acceptor = new Thread(this::accept, name);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return listener.getLocalPort();
	}

	/** One connection, from its first byte to its end. */
	abstract void serve(Socket client);

	@Override
	public void close() throws IOException {
		listener.close();
		for (Socket client : clients) {
			client.close();
		}
	}

	private void accept() {
		while (!listener.isClosed()) {
			try {
				Socket client = listener.accept();
				clients.add(client);
				Thread thread = new Thread(() -> serve(client), name + "-client");
				thread.setDaemon(true);
				thread.start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

}
