// SPDX-License-Identifier: GPL-2.0
/*
 * mainjob-load: Linux's side of the main job's cross-stage load on QEMU
 * (tests/qemu-partitioned/src/mainjob.rs, /init in mainjob/init).
 *
 *   mainjob-load IPI_OOB MEAN_GAP_NS SEED LOAD_NS
 *
 * IPI_OOB is the router driver's debugfs file ("<router-cpumask> <vector>"
 * sends an oob IPI through the router's in-band page). The tool
 *
 * 1. asks the oob core to start the load (oob IPI vector 7 to router
 *    CPU 0; the oob core writes START at the bridge's source device and
 *    arms the scenario's oob timers);
 * 2. on every online CPU, a process pinned there makes in-band -> oob
 *    calls (oob IPI vector 2, OOB_CALL_FUNCTION) at exponentially
 *    distributed gaps of mean MEAN_GAP_NS (0: none), as the scenario's
 *    call_oob_hz asks of each CPU, for LOAD_NS from the start request (the
 *    scenario's duration);
 * 3. reads every message the oob core posts on /dev/oob-chan;
 *
 * until SIGTERM, then prints one line per process to stdout:
 * "MAIN: load| calls cpu <n> posted <count> failed <count>" and
 * "MAIN: load| messages received <count> bytes <count>".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define START_VECTOR "1 7\n"
#define CALL_VECTOR "1 2\n"
#define MAX_CPUS 16

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

/* xorshift64*: each CPU's own stream, reproducible from the seed. */
static uint64_t next_u64(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

static void add_ns(struct timespec *t, uint64_t ns)
{
	ns += (uint64_t)t->tv_nsec;
	t->tv_sec += (time_t)(ns / 1000000000ULL);
	t->tv_nsec = (long)(ns % 1000000000ULL);
}

static int before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static int caller(int cpu, const char *ipi, double mean_ns, uint64_t seed,
		  uint64_t load_ns, int go)
{
	uint64_t s = seed ^ (0x9E3779B97F4A7C15ULL * (uint64_t)(cpu + 1));
	unsigned long posted = 0, failed = 0;
	struct timespec t, end;
	cpu_set_t set;
	int fd;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		printf("MAIN: load| calls cpu %d: cannot pin: %s\n", cpu, strerror(errno));
		return 1;
	}
	fd = open(ipi, O_WRONLY);
	if (fd < 0) {
		printf("MAIN: load| calls cpu %d: %s: %s\n", cpu, ipi, strerror(errno));
		return 1;
	}
	if (!s)
		s = 1;
	/* Pinned and ready: wait for the start (its time comes down the pipe). */
	if (read(go, &t, sizeof(t)) != (ssize_t)sizeof(t)) {
		printf("MAIN: load| calls cpu %d posted 0 failed 0\n", cpu);
		return stop ? 0 : 1;
	}
	end = t;
	add_ns(&end, load_ns);
	while (!stop) {
		/* u in (0, 1]: -ln(u) is an exponential gap of mean 1. */
		double u = ((double)(next_u64(&s) >> 11) + 1.0) / 9007199254740992.0;

		add_ns(&t, (uint64_t)(-log(u) * mean_ns));
		if (!before(&t, &end)) {
			/* The load is over: no more calls, wait for the signal. */
			while (!stop)
				pause();
			break;
		}
		if (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) && stop)
			break;
		if (write(fd, CALL_VECTOR, strlen(CALL_VECTOR)) == (ssize_t)strlen(CALL_VECTOR))
			posted++;
		else
			failed++;
	}
	printf("MAIN: load| calls cpu %d posted %lu failed %lu\n", cpu, posted, failed);
	return 0;
}

static int reader(void)
{
	unsigned long n = 0, bytes = 0;
	char buf[64];
	int fd = open("/dev/oob-chan", O_RDONLY);

	if (fd < 0) {
		printf("MAIN: load| messages: /dev/oob-chan: %s\n", strerror(errno));
		return 1;
	}
	while (!stop) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r >= 0) {
			n++;
			bytes += (unsigned long)r;
		} else if (errno != EINTR) {
			printf("MAIN: load| messages: read: %s\n", strerror(errno));
			return 1;
		}
	}
	/* What arrived before the signal and is still in the ring. */
	fcntl(fd, F_SETFL, O_NONBLOCK);
	for (;;) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r < 0)
			break;
		n++;
		bytes += (unsigned long)r;
	}
	printf("MAIN: load| messages received %lu bytes %lu\n", n, bytes);
	return 0;
}

static pid_t spawn(int (*body)(void *), void *arg)
{
	pid_t p = fork();

	if (p == 0) {
		fflush(stdout);
		exit(body(arg));
	}
	return p;
}

struct call_arg {
	int cpu;
	const char *ipi;
	double mean_ns;
	uint64_t seed;
	uint64_t load_ns;
	int go;
};

static int call_body(void *a)
{
	struct call_arg *c = a;

	return caller(c->cpu, c->ipi, c->mean_ns, c->seed, c->load_ns, c->go);
}

static int read_body(void *a)
{
	(void)a;
	return reader();
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct call_arg args[MAX_CPUS];
	pid_t kids[MAX_CPUS + 1];
	int nkids = 0, ncallers = 0, fd, cpu, ncpu, status, ret = 0, go[2];
	struct timespec start;
	double mean_ns;

	if (argc != 5) {
		fprintf(stderr, "usage: %s IPI_OOB MEAN_GAP_NS SEED LOAD_NS\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	mean_ns = strtod(argv[2], NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	/* No SA_RESTART: a blocked read or sleep returns on SIGTERM. */
	sigaction(SIGTERM, &sa, NULL);

	if (pipe(go)) {
		printf("MAIN: load| pipe: %s\n", strerror(errno));
		return 1;
	}
	kids[nkids++] = spawn(read_body, NULL);
	/* The callers first, pinned and waiting, so none starts late. */
	ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
	for (cpu = 0; mean_ns > 0 && cpu < ncpu && cpu < MAX_CPUS; cpu++) {
		args[cpu] = (struct call_arg){ cpu, argv[1], mean_ns, strtoull(argv[3], NULL, 0),
					       strtoull(argv[4], NULL, 0), go[0] };
		kids[nkids++] = spawn(call_body, &args[cpu]);
		ncallers++;
	}
	close(go[0]);
	fd = open(argv[1], O_WRONLY);
	if (fd < 0 || write(fd, START_VECTOR, strlen(START_VECTOR)) != (ssize_t)strlen(START_VECTOR)) {
		printf("MAIN: load| cannot ask the oob core to start (%s): %s\n", argv[1], strerror(errno));
		stop = 1;
		ret = 1;
	} else {
		clock_gettime(CLOCK_MONOTONIC, &start);
		for (int k = 0; k < ncallers; k++)
			if (write(go[1], &start, sizeof(start)) != (ssize_t)sizeof(start))
				ret = 1;
	}
	if (fd >= 0)
		close(fd);
	close(go[1]);
	while (!stop)
		pause();
	for (int k = 0; k < nkids; k++)
		kill(kids[k], SIGTERM);
	for (int k = 0; k < nkids; k++)
		if (waitpid(kids[k], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			ret = 1;
	return ret;
}
