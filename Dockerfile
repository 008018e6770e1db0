# dumpfix with the PostgreSQL and MariaDB client tools, so that
#   docker run --rm -i dumpfix sh -c 'mysqldump -h db lportal | dumpfix fix --target liferay-mysql -o /out/database.gz'
# works inside the container. Build: docker build -t dumpfix .
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked && strip target/release/dumpfix

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client mariadb-client ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/dumpfix /usr/local/bin/dumpfix
ENTRYPOINT ["dumpfix"]
