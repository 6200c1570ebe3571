package io.spacetime.runbook.adapters.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.hosts.SsListenParser.Listener;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The parsers against outputs as Debian 12 prints them, and the runbook's own examples. */
class ParsersTest {

  @Nested
  class Df {
    @Test
    void readsTheAvailableColumnInKibibytes() {
      String output = """
          Filesystem     1024-blocks     Used Available Capacity Mounted on
          /dev/sda1        104857600 62914560  41943040      60% /opt/spacetime
          """;
      DfParser.DiskSpace space = DfParser.parse(output);
      assertEquals(41943040L, space.availableKib());
      assertEquals(40.0, space.availableGb(), 1e-9);
      assertEquals("/opt/spacetime", space.mountedOn());
    }

    @Test
    void toleratesSpacesInDeviceAndMountPoint() {
      String output = """
          Filesystem     1024-blocks     Used Available Capacity Mounted on
          //nas/deploy share 2097152 1048576 1048576 50% /mnt/deploy root
          """;
      DfParser.DiskSpace space = DfParser.parse(output);
      assertEquals(1048576L, space.availableKib());
      assertEquals("/mnt/deploy root", space.mountedOn());
    }

    @Test
    void rejectsOutputWithoutAFileSystemLine() {
      assertThrows(IllegalArgumentException.class, () -> DfParser.parse("df: /nope: No such file or directory\n"));
    }
  }

  @Nested
  class Memory {
    @Test
    void readsMemAvailable() {
      String meminfo = """
          MemTotal:       32780560 kB
          MemFree:         8388608 kB
          MemAvailable:   18874368 kB
          Buffers:          204800 kB
          """;
      assertEquals(18.0, MemInfoParser.availableGb(meminfo), 1e-9);
    }

    @Test
    void failsWithoutMemAvailable() {
      assertThrows(IllegalArgumentException.class, () -> MemInfoParser.availableGb("MemTotal: 1 kB\n"));
    }
  }

  @Nested
  class Load {
    @Test
    void readsTheOneMinuteAverageAndCores() {
      assertEquals(1.24, LoadAvgParser.oneMinute("1.24 1.45 1.67 2/81 5652\n"), 1e-9);
      assertEquals(8, LoadAvgParser.cores("8\n"));
    }
  }

  @Nested
  class Ss {
    static final String DEBIAN_12 = """
        LISTEN 0      4096         0.0.0.0:22         0.0.0.0:*    users:(("sshd",pid=512,fd=3))
        LISTEN 0      4096   127.0.0.53%lo:53         0.0.0.0:*    users:(("systemd-resolve",pid=401,fd=14))
        LISTEN 0      50     [::ffff:127.0.55.9]:8080       *:*    users:(("java",pid=5872,fd=4))
        LISTEN 0      128               [::]:6006          [::]:*    users:(("godot",pid=1234,fd=20))
        LISTEN 0      128                  *:8081             *:*    users:(("godot",pid=1234,fd=21))
        LISTEN 0      5         127.0.55.2:6005       0.0.0.0:*    users:(("python3",pid=77,fd=3),("python3",pid=78,fd=3))
        LISTEN 0      128            0.0.0.0:2024       0.0.0.0:*
        """;

    @Test
    void readsAddressPortProcessAndPid() {
      List<Listener> listeners = SsListenParser.parse(DEBIAN_12);
      assertEquals(7, listeners.size());
      assertEquals(new Listener("0.0.0.0", 22, "sshd", 512), listeners.get(0));
      assertEquals(new Listener("127.0.0.53", 53, "systemd-resolve", 401), listeners.get(1));
      assertEquals(new Listener("127.0.55.9", 8080, "java", 5872), listeners.get(2));
      assertEquals(new Listener("::", 6006, "godot", 1234), listeners.get(3));
      assertEquals(new Listener("*", 8081, "godot", 1234), listeners.get(4));
      assertEquals(new Listener("127.0.55.2", 6005, "python3", 77), listeners.get(5));
      assertEquals(new Listener("0.0.0.0", 2024, "", 0), listeners.get(6));
    }

    @Test
    void countsOnlyListenersOnTheServiceAddressOrAWildcard() {
      List<Listener> listeners = SsListenParser.parse(DEBIAN_12);
      assertTrue(listeners.get(2).servesAddress("127.0.55.9"));
      assertFalse(listeners.get(2).servesAddress("127.0.55.2"));
      assertTrue(listeners.get(3).servesAddress("127.0.55.2"));
      assertTrue(listeners.get(4).servesAddress("127.0.55.2"));
      assertTrue(listeners.get(5).servesAddress("127.0.55.2"));
      assertFalse(listeners.get(5).servesAddress("10.0.1.50"));
    }

    @Test
    void comparesIpv6LiteralsByValueAndCountsEverythingForAHostName() {
      Listener loopback6 = SsListenParser.parse("LISTEN 0 50 [::1]:8080 [::]:*\n").get(0);
      assertTrue(loopback6.servesAddress("0:0:0:0:0:0:0:1"));
      assertTrue(loopback6.servesAddress("[::1]"));
      assertFalse(loopback6.servesAddress("127.0.0.1"));
      assertTrue(loopback6.servesAddress("api-1.internal"));
    }

    @Test
    void skipsTheHeaderWhenPresent() {
      String withHeader = "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
          + "LISTEN 0      128    0.0.0.0:8080       0.0.0.0:*\n";
      assertEquals(List.of(new Listener("0.0.0.0", 8080, "", 0)), SsListenParser.parse(withHeader));
    }
  }

  @Nested
  class Openssl {
    @Test
    void readsTheRunbookExample() {
      OpensslDatesParser.Dates dates = OpensslDatesParser.parse(
          "notAfter=Dec 31 23:59:59 2025 GMT\nsubject=CN = spacetime-api.company.com, O = Company\n");
      assertEquals(ZonedDateTime.of(2025, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC).toEpochSecond(), dates.notAfterEpochSeconds());
      assertEquals("CN = spacetime-api.company.com, O = Company", dates.subject());
    }

    @Test
    void readsSpacePaddedDays() {
      assertEquals(ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond(),
          OpensslDatesParser.parse("notBefore=Jan  1 00:00:00 2025 GMT\nnotAfter=Jan  1 00:00:00 2026 GMT\n")
              .notAfterEpochSeconds());
    }

    @Test
    void failsWithoutNotAfter() {
      assertThrows(IllegalArgumentException.class, () -> OpensslDatesParser.parse("Could not open file\n"));
    }
  }

  @Nested
  class Versions {
    @Test
    void findsTheFirstDottedVersion() {
      assertEquals(Optional.of("4.5.0"), VersionParser.firstVersion("4.5.0.stable.official.[abc1234]\n"));
      assertEquals(Optional.of("17.0.15"), VersionParser.firstVersion(
          "openjdk version \"17.0.15\" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)\n"));
      assertEquals(Optional.of("1.34"), VersionParser.firstVersion("tar (GNU tar) 1.34\nCopyright (C) 2021\n"));
      assertEquals(Optional.of("3.11.7"), VersionParser.firstVersion("Python 3.11.7\n"));
      assertEquals(Optional.empty(), VersionParser.firstVersion("command not found\n"));
    }

    @Test
    void comparesNumericallyPartByPart() {
      assertTrue(VersionParser.atLeast("4.10", "4.9"));
      assertTrue(VersionParser.atLeast("4.5", "4.5.0"));
      assertFalse(VersionParser.atLeast("4.4.1", "4.5.0"));
      assertTrue(VersionParser.compare("10.0", "9.99.99") > 0);
    }
  }

  @Nested
  class EnvFile {
    @Test
    void readsKeyValueLines() {
      String env = """
          # SpaceTime production
          API_PORT=8080
          export TELEMETRY_PORT=8081
          DAP_PORT="6006"
          LSP_PORT='6005'
          BROKEN LINE
          EMPTY=
          """;
      assertEquals(Map.of("API_PORT", "8080", "TELEMETRY_PORT", "8081", "DAP_PORT", "6006", "LSP_PORT", "6005", "EMPTY", ""),
          EnvFileParser.parse(env));
    }
  }
}
