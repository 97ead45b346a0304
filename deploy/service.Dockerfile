# The mockjudge binary for docker-compose's api and worker services, on the same Debian base as
# the sandbox images (no registry needed). The binary is built on the host first
# (`cargo build --release`); BINARY picks another build (the tests use the debug one).
ARG BASE=mockjudge/debian:bookworm
FROM ${BASE}
# libjs-codemirror and libjs-katex: the pages' editor and math (served from /usr/share/javascript).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates libjs-codemirror libjs-katex \
 && rm -rf /var/lib/apt/lists/*
ARG BINARY=target/release/mockjudge
COPY ${BINARY} /usr/local/bin/mockjudge
ENV MOCKJUDGE_PROBLEMS=/srv/problems MOCKJUDGE_ASSESSMENTS=/srv/assessments MOCKJUDGE_CACHE_DIR=/var/cache/mockjudge
ENTRYPOINT ["/usr/local/bin/mockjudge"]
