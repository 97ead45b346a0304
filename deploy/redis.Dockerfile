# Redis for `mockjudge up` and docker-compose: Debian bookworm's redis-server on the same base
# as the sandbox images (no registry needed). Append-only, data under /data.
ARG BASE=mockjudge/debian:bookworm
FROM ${BASE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chmod 0777 /data
EXPOSE 6379
CMD ["redis-server", "--appendonly", "yes", "--dir", "/data", "--bind", "0.0.0.0", "--protected-mode", "no", "--save", ""]
