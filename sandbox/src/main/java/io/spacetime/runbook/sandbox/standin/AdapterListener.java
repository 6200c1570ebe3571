package io.spacetime.runbook.sandbox.standin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A TCP listener on the DAP or LSP port that accepts and closes each connection: enough for the
 * runbook's port checks ({@code telnet localhost 6006}, {@code netstat -tlnp}) to find the port
 * open and owned by the service.
 */
final class AdapterListener implements AutoCloseable {

  private final ServerSocket socket;

  private AdapterListener(ServerSocket socket) {
    this.socket = socket;
  }

  static AdapterListener open(String name, String address, int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(address, port));
    } catch (IOException e) {
      socket.close();
      throw new IOException(name + " port " + address + ":" + port + " is not available: " + e.getMessage(), e);
    }
    AdapterListener listener = new AdapterListener(socket);
    Thread acceptor = new Thread(listener::acceptAndClose, name + "-listener");
    acceptor.setDaemon(true);
    acceptor.start();
    return listener;
  }

  private void acceptAndClose() {
    while (!socket.isClosed()) {
      try {
        // Nothing to say: an open port is what the checks look for.
        socket.accept().close();
      } catch (IOException e) {
        // accept() fails once the socket is closed, which ends the loop.
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
