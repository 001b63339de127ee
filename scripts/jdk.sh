# Shared by the jocap launcher and bench/run: find a JDK of at least $min_major (set by the caller)
# without anyone setting JAVA_HOME. Source it; then `jdk=$(find_jdk || true)`.

# Prints the major version of the JDK at $1, or nothing if it is not a JDK.
jdk_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  printf '%s' "$v"
}

find_jdk() {
  # An explicit choice wins when it is new enough.
  for candidate in "${JOCAP_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    if [ -n "$candidate" ]; then
      m=$(jdk_major "$candidate")
      if [ -n "$m" ] && [ "$m" -ge "$min_major" ]; then printf '%s' "$candidate"; return 0; fi
    fi
  done
  # Otherwise the newest JDK >= 25 in the usual install locations, then the one on PATH.
  best=""; best_major=0
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$candidate" ] || continue
    m=$(jdk_major "$candidate")
    if [ -n "$m" ] && [ "$m" -ge "$min_major" ] && [ "$m" -gt "$best_major" ]; then
      best=$candidate; best_major=$m
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    m=$(jdk_major "$candidate")
    if [ -n "$m" ] && [ "$m" -ge "$min_major" ]; then best=$candidate; fi
  fi
  [ -n "$best" ] && printf '%s' "$best"
}

# Options both launchers give the JVM. Transparent huge pages for the heap when the OS offers them
# on request ("madvise") or always: with 4 KB pages, a heap that grows or gets its memory back
# from the OS takes a page fault per page (about 320,000 in a 10 s fanout run on a 2-core VM, 3 s
# of system time), and the kernel thread pays most of them. The JVM only asks for them with this
# flag, and warns if the OS has them off, hence the check.
jvm_opts() {
  thp=/sys/kernel/mm/transparent_hugepage/enabled
  if [ -r "$thp" ] && grep -q '\[always\]\|\[madvise\]' "$thp"; then
    printf '%s' "-XX:+UseTransparentHugePages"
  fi
}
