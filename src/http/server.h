/*
 * server.h — the HTTP server: libmicrohttpd in thread-pool mode with epoll.
 */
#ifndef OPENBAV_SERVER_H
#define OPENBAV_SERVER_H

#include <stdbool.h>
#include <stdint.h>

/* Limits, named in one place. */
enum {
	SERVER_CONN_MEMORY     = 32 * 1024, /* per connection; bounds the request head */
	SERVER_CONN_TIMEOUT    = 30,        /* seconds of silence before a connection is closed */
	SERVER_CONN_LIMIT      = 2048,      /* connections in all */
	SERVER_PER_IP_DEFAULT  = 512,       /* connections per client address */
	SERVER_SHUTDOWN_GRACE  = 10,        /* seconds in-flight requests get on SIGTERM */
	SERVER_THREADS_DEFAULT = 0,         /* 0: one per CPU core, at least 2 */
};

struct server_config {
	const char *listen;        /* "127.0.0.1:8080" */
	const char *db_url;
	unsigned    threads;
	unsigned    per_ip_limit;
	bool        trust_proxy;   /* honour X-Forwarded-For/-Proto from a loopback peer */
	bool        access_log;
};

/* Runs until SIGTERM or SIGINT; returns the process exit code. */
int server_run(const struct server_config *cfg);

#endif
