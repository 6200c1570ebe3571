#!/usr/bin/env bash
# The image's root file system besides the application (which Jib adds in its own layers): a Java
# runtime made with jlink from the JDK that runs the build, the shared libraries it loads (copied
# from this Debian machine, found with ldd), the system CA bundle, /etc/passwd with the unprivileged
# user the container runs as, and the directories the image declares as volumes. Needs no Docker
# engine and no registry: the image's base is "scratch". Usage: runtime-root.sh JAVA_HOME OUT
set -euo pipefail
java_home=$1
out=$2
stamp="$out/.made-from"
# Made once per JDK: a clean build makes it again (about 15 s on 2 cores), an incremental one does not.
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$java_home" ]; then
  exit 0
fi
rm -rf "$out"
mkdir -p "$out"
# The modules the engine's classpath uses (jdeps over it, plus jdk.crypto.ec and jdk.naming.dns, which
# are loaded by name: TLS to Temporal Cloud, DNS lookups through JNDI).
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming
modules+=,java.net.http,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec
modules+=,jdk.crypto.cryptoki,jdk.httpserver,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --generate-cds-archive --output "$out/opt/java"
# Debian's JDK links its CA store to /etc/ssl/certs/java/cacerts; the image gets the file itself.
cacerts="$out/opt/java/lib/security/cacerts"
if [ -L "$cacerts" ] || [ ! -s "$cacerts" ]; then
  rm -f "$cacerts"
  cp -L "$java_home/lib/security/cacerts" "$cacerts"
fi
# java.beans (read by Jackson) lives in java.desktop; its window-system and sound libraries are never
# loaded by a headless server and would pull X11 into the image.
for gui in libawt_xawt libsplashscreen libjsound libfontmanager liblcms libjavajpeg; do
  rm -f "$out/opt/java/lib/$gui.so"
done
# Every shared library the runtime's binaries and libraries need, at the path the loader looks for it.
find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '/=> \// {print $3} /^\t\/lib/ {print $1}' | sort -u | grep -v "^$out/" \
  | while read -r lib; do
      cp -L --parents "$lib" "$out"
    done
# The loader, and the libraries glibc opens by name at run time (user and host lookups).
for lib in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 \
    /lib/x86_64-linux-gnu/libresolv.so.2; do
  [ -e "$lib" ] && cp -L --parents "$lib" "$out"
done
mkdir -p "$out/etc" "$out/tmp" "$out/var/lib/runbook" "$out/etc/runbook/environments"
printf 'root:x:0:0:root:/root:/sbin/nologin\nrunbook:x:10001:10001:runbook:/var/lib/runbook:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nrunbook:x:10001:\n' > "$out/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$out/etc/nsswitch.conf"
echo "$java_home" > "$stamp"
