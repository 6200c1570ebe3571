package io.spacetime.runbook.adapters.hosts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ss -H -ltnp}: listening TCP sockets with their owning process. Handles the address forms
 * {@code ss} prints on Debian 12: {@code 0.0.0.0:8080}, {@code *:8080}, {@code [::]:8080},
 * {@code 127.0.0.53%lo:53}, and Java's IPv4-mapped {@code [::ffff:127.0.55.9]:8080}.
 */
public final class SsListenParser {

  private static final Pattern PROCESS = Pattern.compile("\\(\\(\"([^\"]*)\",pid=(\\d+)");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /**
   * One listening socket.
   *
   * @param address the local address without brackets, zone or IPv4-mapping prefix; {@code *} for any
   * @param process process name, empty when {@code ss} could not see it (another user's process)
   */
  public record Listener(String address, int port, String process, int pid) {

    public boolean wildcard() {
      return address.equals("*") || address.equals("0.0.0.0") || address.equals("::");
    }

    /**
     * Whether this listener occupies {@code port} for a service on {@code serviceAddress}: it listens
     * on that address or on all addresses. When the service address is a host name, the address
     * cannot be compared and every listener counts.
     */
    public boolean servesAddress(String serviceAddress) {
      if (wildcard()) {
        return true;
      }
      String wanted = normalise(serviceAddress);
      if (!isIpLiteral(wanted)) {
        return true;
      }
      return sameAddress(address, wanted);
    }
  }

  private SsListenParser() {}

  public static List<Listener> parse(String output) {
    List<Listener> listeners = new ArrayList<>();
    for (String line : output.split("\n")) {
      String[] words = line.trim().split("\\s+");
      if (words.length < 5 || words[0].equals("State")) {
        continue;
      }
      String local = words[3];
      int colon = local.lastIndexOf(':');
      if (colon < 0) {
        continue;
      }
      int port;
      try {
        port = Integer.parseInt(local.substring(colon + 1));
      } catch (NumberFormatException e) {
        continue;
      }
      Matcher process = PROCESS.matcher(line);
      boolean known = process.find();
      listeners.add(new Listener(normalise(local.substring(0, colon)), port,
          known ? process.group(1) : "", known ? Integer.parseInt(process.group(2)) : 0));
    }
    return listeners;
  }

  static String normalise(String address) {
    String a = address.trim();
    int zone = a.indexOf('%');
    if (zone >= 0) {
      String rest = a.substring(zone);
      a = a.substring(0, zone) + (rest.endsWith("]") ? "]" : "");
    }
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    if (a.toLowerCase().startsWith("::ffff:") && IPV4.matcher(a.substring(7)).matches()) {
      a = a.substring(7);
    }
    return a;
  }

  static boolean isIpLiteral(String address) {
    return IPV4.matcher(address).matches() || address.contains(":");
  }

  private static boolean sameAddress(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    if (!isIpLiteral(a) || !isIpLiteral(b)) {
      return false;
    }
    try {
      // Literals only, so no name lookup happens: "::1" equals "0:0:0:0:0:0:0:1".
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
