# syntax=docker/dockerfile:1
# Build with the Maven wrapper, run on a JRE as a non-root user, with a Class Data Sharing archive for a faster start.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package \
 && cp "$(ls target/smtp-instellingen-*.jar | grep -v plain)" /src/app.jar \
 && java -Djarmode=tools -jar /src/app.jar extract --destination /src/extracted

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 salaronline \
 && useradd --system --uid 10001 --gid salaronline --home-dir /app --shell /usr/sbin/nologin salaronline
WORKDIR /app
# the extracted jar (application classes and lib/ beside it), as CDS needs plain jars on the class path
COPY --from=build --chown=root:root /src/extracted/ /app/
# CDS training run, with this image's JVM: starts the context on an in-memory database and exits before serving
# (spring.context.exit=onRefresh), writing the classes it loaded to app.jsa. No prod profile here: it needs no
# database or key, and the classes it loads are nearly all the same.
RUN java -XX:ArchiveClassesAtExit=/app/app.jsa -Dspring.context.exit=onRefresh -jar /app/app.jar \
      --spring.datasource.url=jdbc:h2:mem:cds-training --salaronline.demo-data=false \
      --salaronline.dev-mail-catcher.enabled=false --salaronline.mail.worker.enabled=false \
      --logging.level.root=WARN >/dev/null 2>&1 \
 && test -s /app/app.jsa
USER 10001:10001
ENV SPRING_PROFILES_ACTIVE=prod \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fs http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", "/app/app.jar"]
