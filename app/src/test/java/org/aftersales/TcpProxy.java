package org.aftersales;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain TCP proxy on a local port, for tests that need to break a connection the way the network or a server
 * does, without touching the server. It forwards every connection to one of its backends, in turn; a backend that
 * refuses the connection is skipped for the next (as a load balancer skips a dead node). {@link #cut()} closes every
 * open connection and stops listening, so new connections are refused, as while a database server restarts;
 * {@link #restore()} listens again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

  private final int port;
  private final List<InetSocketAddress> backends;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong connections = new AtomicLong();
  private volatile ServerSocket server;

  private TcpProxy(int port, List<InetSocketAddress> backends) {
    this.port = port;
    this.backends = backends;
  }

  /** A proxy on a free local port in front of the given local ports. */
  public static TcpProxy start(int... backendPorts) {
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = probe.getLocalPort();
      probe.close();
      TcpProxy proxy = new TcpProxy(port, java.util.Arrays.stream(backendPorts)
          .mapToObj(p -> new InetSocketAddress(InetAddress.getLoopbackAddress(), p)).toList());
      proxy.restore();
      return proxy;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot open a proxy port", e);
    }
  }

  /** A free port on the loopback address (for a child process to listen on). */
  public static int freePort() {
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  /** Connections taken since the start. */
  public long connections() {
    return connections.get();
  }

  /** Listens (again) on the proxy's port. */
  public synchronized void restore() {
    if (server != null && !server.isClosed()) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      server = socket;
      Thread acceptor = new Thread(() -> accept(socket), "proxy-accept-" + port);
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot listen on " + port + " again", e);
    }
  }

  /** Closes every open connection and refuses new ones until {@link #restore()}. */
  public synchronized void cut() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  @Override
  public void close() {
    cut();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        connections.incrementAndGet();
        Socket backend = connectToABackend();
        if (backend == null) {
          closeQuietly(client);
          continue;
        }
        open.add(client);
        open.add(backend);
        pump(client, backend);
        pump(backend, client);
      } catch (IOException e) {
        if (!socket.isClosed()) {
          continue;
        }
      }
    }
  }

  private Socket connectToABackend() {
    for (int i = 0; i < backends.size(); i++) {
      InetSocketAddress address = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
      Socket backend = new Socket();
      try {
        backend.setTcpNoDelay(true);
        backend.connect(address, 2000);
        return backend;
      } catch (IOException refused) {
        closeQuietly(backend);
      }
    }
    return null;
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (SocketException closed) {
        // one side went away: the other goes too
      } catch (IOException e) {
        // the same
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "proxy-pump-" + port);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
