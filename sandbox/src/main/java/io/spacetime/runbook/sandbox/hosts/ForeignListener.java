package io.spacetime.runbook.sandbox.hosts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A process that is not the service, holding a host's API port: runbook Incident 1 Scenario B,
 * "Port Conflict". It runs from the host root (not from a release under the deploy root, which is
 * how the runbook tells the service from anything else), takes every connection and closes it at
 * once without an answer, so a client sees no HTTP at all, and runs until it is killed. The
 * {@code --host-root} argument names the host it belongs to, for the sandbox's clean-up.
 * <pre>
 * java -cp ... io.spacetime.runbook.sandbox.hosts.ForeignListener --bind 127.0.0.2 --port 8080 --host-root DIR
 * </pre>
 */
public final class ForeignListener {

  static final String MAIN_CLASS = ForeignListener.class.getName();
  /** What it prints once it has bound the port, followed by {@code address:port}. */
  public static final String LISTENING = "listening on ";

  private ForeignListener() {}

  public static void main(String[] args) throws IOException {
    String bind = null;
    int port = 0;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--bind" -> bind = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--host-root" -> { } // only there to be seen in the command line
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (bind == null || port <= 0) {
      System.err.println("usage: ForeignListener --bind ADDRESS --port PORT --host-root DIR");
      System.exit(2);
    }
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(bind, port));
      System.out.println(LISTENING + bind + ":" + port);
      System.out.flush();
      while (true) {
        try (Socket ignored = server.accept()) {
          // Closed unanswered: the port is taken, and what holds it is no SpaceTime API.
        }
      }
    }
  }
}
