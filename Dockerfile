# Builds the after-sales application from this repository and runs it with the mysql profile.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY app/pom.xml app/
RUN mvn -B -ntp -q -f app/pom.xml dependency:go-offline || true
COPY processes processes
COPY forms forms
COPY app app
RUN mvn -B -ntp -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 aftersales
WORKDIR /opt/aftersales
COPY --from=build /src/app/target/aftersales.jar app.jar
USER aftersales
EXPOSE 8080
ENV SPRING_PROFILES_ACTIVE=mysql \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/opt/aftersales/app.jar"]
