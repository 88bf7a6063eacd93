// SPDX-License-Identifier: MIT OR Apache-2.0
/*
 * User-space side of the partitioned-mode tests: talks to the oob core's
 * request/reply service (firmware/a53/oob-core/src/linux_channel.rs, `op`)
 * through /dev/oob-chan and prints one "CHAN: ..." line per result, which
 * the Rust test reads from the kernel log (stdout is /dev/kmsg).
 *
 *   chan-test echo FIRST N       N echoes, non-blocking, pipelined (poll)
 *   chan-test echo-blocking FIRST N   the same with blocking I/O, a
 *                                reader process and a writer process
 *   chan-test work US N          N requests for US microseconds of work
 *                                in the oob core, one at a time
 *   chan-test spin MS            busy for MS ms of guest time (CPU load)
 *   chan-test lateness R [N]     open a lateness window of N oob ticks
 *   chan-test stats | lateness LABEL | malformed | errors
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEV "/dev/oob-chan"
#define MAX_PAYLOAD 62
#define OP_ECHO 0x01
#define OP_STATS 0x02
#define OP_LATENESS 0x03
#define OP_MALFORMED 0x04
#define OP_WORK 0x05
#define OP_REPLY 0x80

static uint32_t le32(const uint8_t *b)
{
	return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put32(uint8_t *b, uint32_t v)
{
	b[0] = v; b[1] = v >> 8; b[2] = v >> 16; b[3] = v >> 24;
}

static int open_dev(int flags)
{
	int fd = open(DEV, O_RDWR | flags);

	if (fd < 0) {
		printf("CHAN: error open %s: %s\n", DEV, strerror(errno));
		exit(1);
	}
	return fd;
}

/* Sends one request (blocking) and waits for the reply with code @op. */
static int request(const uint8_t *req, size_t len, uint8_t *rep)
{
	int fd = open_dev(0);
	int n;

	if (write(fd, req, len) != (ssize_t)len) {
		printf("CHAN: error write: %s\n", strerror(errno));
		exit(1);
	}
	do {
		n = read(fd, rep, MAX_PAYLOAD);
	} while (n > 0 && rep[0] != (req[0] | OP_REPLY));
	close(fd);
	return n;
}

static int echo(uint32_t first, uint32_t count)
{
	int fd = open_dev(O_NONBLOCK);
	uint32_t sent = 0, got = 0, bad = 0, eagain = 0, polls = 0;
	uint8_t m[MAX_PAYLOAD];

	while (got < count) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		while (sent < count) {
			m[0] = OP_ECHO;
			put32(m + 1, first + sent);
			if (write(fd, m, 5) == 5) {
				sent++;
				continue;
			}
			if (errno != EAGAIN) {
				printf("CHAN: error write: %s\n", strerror(errno));
				return 1;
			}
			eagain++;
			break;
		}
		for (;;) {
			int n = read(fd, m, sizeof(m));

			if (n < 0) {
				if (errno != EAGAIN) {
					printf("CHAN: error read: %s\n", strerror(errno));
					return 1;
				}
				break;
			}
			if (n != 5 || m[0] != (OP_ECHO | OP_REPLY) ||
			    le32(m + 1) != first + got)
				bad++;
			got++;
		}
		if (got < count) {
			p.events = sent < count ? POLLIN | POLLOUT : POLLIN;
			polls++;
			if (poll(&p, 1, 20000) == 0) {
				printf("CHAN: error echo stalled: sent %u got %u\n", sent, got);
				return 1;
			}
		}
	}
	printf("CHAN: echo first=%u sent=%u received=%u bad=%u eagain=%u polls=%u\n",
	       first, sent, got, bad, eagain, polls);
	close(fd);
	return 0;
}

static int echo_blocking(uint32_t first, uint32_t count)
{
	pid_t child = fork();
	uint8_t m[MAX_PAYLOAD];
	uint32_t i, bad = 0;
	int fd, st;

	if (child == 0) {
		fd = open_dev(0);
		for (i = 0; i < count; i++) {
			if (read(fd, m, sizeof(m)) != 5 ||
			    m[0] != (OP_ECHO | OP_REPLY) || le32(m + 1) != first + i)
				bad++;
		}
		printf("CHAN: echo-blocking reader received=%u bad=%u\n", i, bad);
		exit(bad != 0);
	}
	fd = open_dev(0);
	for (i = 0; i < count; i++) {
		m[0] = OP_ECHO;
		put32(m + 1, first + i);
		if (write(fd, m, 5) != 5) {
			printf("CHAN: error blocking write: %s\n", strerror(errno));
			break;
		}
	}
	waitpid(child, &st, 0);
	printf("CHAN: echo-blocking writer sent=%u reader-exit=%d\n", i,
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 0;
}

static int errors(void)
{
	int fd = open_dev(O_NONBLOCK);
	uint8_t m[MAX_PAYLOAD + 1] = { 0 };
	ssize_t n;

	n = write(fd, m, MAX_PAYLOAD + 1);
	printf("CHAN: errors write-63 %zd %s\n", n, n < 0 ? strerror(errno) : "-");
	n = read(fd, m, 8);
	printf("CHAN: errors read-8 %zd %s\n", n, n < 0 ? strerror(errno) : "-");
	n = read(fd, m, sizeof(m));
	printf("CHAN: errors read-empty %zd %s\n", n, n < 0 ? strerror(errno) : "-");
	close(fd);
	return 0;
}

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000ull + t.tv_nsec;
}

/* @count WORK requests of @us each, back to back, each awaiting its reply. */
static int work(uint32_t us, uint32_t count)
{
	int fd = open_dev(0);
	uint8_t m[MAX_PAYLOAD];
	uint32_t i, bad = 0;
	uint64_t start = now_ns();

	for (i = 0; i < count; i++) {
		memset(m, 0, 8);
		m[0] = OP_WORK;
		put32(m + 4, us);
		if (write(fd, m, 8) != 8 || read(fd, m, sizeof(m)) != 8) {
			printf("CHAN: error work: %s\n", strerror(errno));
			return 1;
		}
		if (m[0] != (OP_WORK | OP_REPLY) || le32(m + 4) != us)
			bad++;
	}
	printf("CHAN: work us=%u count=%u bad=%u ms=%llu\n", us, count, bad,
	       (unsigned long long)((now_ns() - start) / 1000000));
	close(fd);
	return 0;
}

/* Spins for @ms of guest time and reports the iterations it made. */
static int spin(unsigned int ms)
{
	uint64_t end = now_ns() + ms * 1000000ull, n = 0;

	while ((n & 1023) || now_ns() < end)
		n++;
	printf("CHAN: spin cpu=%d ms=%u iterations=%llu\n", sched_getcpu(), ms,
	       (unsigned long long)n);
	return 0;
}

int main(int argc, char **argv)
{
	uint8_t req[MAX_PAYLOAD], rep[MAX_PAYLOAD];
	const char *cmd = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(cmd, "echo") && argc == 4)
		return echo(strtoul(argv[2], 0, 0), strtoul(argv[3], 0, 0));
	if (!strcmp(cmd, "echo-blocking") && argc == 4)
		return echo_blocking(strtoul(argv[2], 0, 0), strtoul(argv[3], 0, 0));
	if (!strcmp(cmd, "work") && argc == 4)
		return work(strtoul(argv[2], 0, 0), strtoul(argv[3], 0, 0));
	if (!strcmp(cmd, "spin") && argc == 3)
		return spin(strtoul(argv[2], 0, 0));
	if (!strcmp(cmd, "errors"))
		return errors();
	if (!strcmp(cmd, "stats")) {
		req[0] = OP_STATS;
		if (request(req, 1, rep) != 44)
			return 1;
		printf("CHAN: oob-stats rx=%u tx=%u malformed=%u bad_seq=%u unknown=%u ticks=%u work=%u doorbells=%u unhandled=%u spurious=%u\n",
		       le32(rep + 4), le32(rep + 8), le32(rep + 12), le32(rep + 16),
		       le32(rep + 20), le32(rep + 24), le32(rep + 28), le32(rep + 32),
		       le32(rep + 36), le32(rep + 40));
		return 0;
	}
	if (!strcmp(cmd, "lateness") && (argc == 3 || argc == 4)) {
		size_t len = 2;

		req[0] = OP_LATENESS;
		req[1] = argv[2][0];
		if (argc == 4) {
			uint32_t n = strtoul(argv[3], 0, 0);

			memset(req + 2, 0, 2);
			memcpy(req + 4, &n, 4); /* little-endian on arm64 */
			len = 8;
		}
		if (request(req, len, rep) != 12)
			return 1;
		printf("CHAN: lateness %c count=%u max=%u complete=%u\n", rep[1],
		       le32(rep + 4), le32(rep + 8), rep[2]);
		return 0;
	}
	if (!strcmp(cmd, "malformed")) {
		req[0] = OP_MALFORMED;
		printf("CHAN: malformed reply-len=%d\n", request(req, 1, rep));
		return 0;
	}
	printf("CHAN: error usage\n");
	return 2;
}
