/*
 * kairos-supervise: runs one attempt of a command job and keeps its journal, so that what became of the attempt is
 * known whatever happens to the node that started it. One small native process per attempt, as conmon is per
 * container.
 *
 *   kairos-supervise --dir ATTEMPT_DIR --heartbeat FILE --orphan-after SECONDS
 *                    [--cwd DIR] [--max-log-bytes N] -- PROGRAM [ARG...]
 *
 * The command gets the supervisor's environment, stdin from /dev/null, stdout and stderr as pipes to the supervisor
 * and no other descriptor, and a session and process group of its own (its pid is the group's id): the node signals
 * the whole tree with kill(-pid, sig), and a terminal's Ctrl+C does not reach it. PROGRAM is looked up in PATH; DIR
 * is the command's working directory.
 *
 * The journal, in ATTEMPT_DIR (the small files appear by rename(2), so a reader never sees half of one):
 *   supervisor  "PID STARTTIME\n", STARTTIME being field 22 of /proc/PID/stat. Written before the fork: once it
 *               exists, the command may have started.
 *   command     "PID\n" of the command, which is also its process group id; written once the exec succeeded.
 *   log         every line of output, in arrival order, as records "K EPOCH_MS TEXT\n": K is O (stdout), E (stderr)
 *               or S (system: started, exit, stopped). Lines over 16 KiB are split (not inside a UTF-8 sequence).
 *               After N bytes of O and E records (--max-log-bytes, default 64 MiB) further output is dropped and one
 *               S record at the end says how much. The node appends S records too: each record is one write(2) to
 *               a file opened with O_APPEND, so records never interleave.
 *   exit        written last (then the supervisor exits with status 0), one line:
 *                 "exit CODE"                       the command exited
 *                 "signal SIGNO"                    a signal ended it
 *                 "nostart TEXT"                    it could not be started; TEXT says why (it ran as status 127)
 *                 "orphaned SECONDS exit|signal N"  the node was silent that long, so the group was SIGKILLed
 *
 * Node liveness: stdin is a pipe from the node, which never writes to it; EOF means the node process is gone. From
 * then on the supervisor looks at FILE's mtime every 250 ms: a node that adopts the attempt touches it every second.
 * Once FILE has not been touched for SECONDS, counted from the EOF at the earliest, the supervisor SIGKILLs the
 * command's process group. While the node lives nothing is polled: ppoll(2) waits on the pipes and SIGCHLD.
 *
 * When the command exits, processes it left in its group get 2 s to end and close its output, then SIGKILL: a run's
 * processes end with the run. The supervisor is a child subreaper, so it reaps them too.
 *
 * Exit status: 0 once the exit file is written, 2 for bad usage, 1 when the journal cannot be written (the command's
 * group is killed first). SIGINT, SIGHUP, SIGTERM and SIGPIPE are ignored.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { LINE_BYTES = 16 * 1024, TICK_MS = 250, DRAIN_MS = 2000, READ_BYTES = 64 * 1024 };

struct stream {
    int fd;
    char kind;
    size_t len;
    char buf[LINE_BYTES];
};

static int dir_fd = -1, log_fd = -1;
static pid_t command_pid = -1;
static long long max_log_bytes = 64LL * 1024 * 1024, logged_bytes, dropped_bytes, dropped_lines;

static long long now_ms(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void fail(const char *what)
{
    fprintf(stderr, "kairos-supervise: %s: %s\n", what, strerror(errno));
    if (command_pid > 0) kill(-command_pid, SIGKILL);
    exit(1);
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* One writev per record: with O_APPEND, records written by the node at the same time never interleave. */
static void append_record(char kind, const char *text, size_t len)
{
    char head[32];
    int head_len = snprintf(head, sizeof head, "%c %lld ", kind, now_ms(CLOCK_REALTIME));
    struct iovec parts[3] = { { head, (size_t)head_len }, { (void *)text, len }, { "\n", 1 } };
    long long size = head_len + (long long)len + 1;
    if (kind != 'S') {
        if (dropped_lines > 0 || logged_bytes + size > max_log_bytes) {
            dropped_bytes += (long long)len + 1;
            dropped_lines++;
            return;
        }
        logged_bytes += size;
    }
    while (writev(log_fd, parts, 3) < 0 && errno == EINTR) {}
}

static void system_record(const char *format, ...)
{
    char text[4096];
    va_list args;
    va_start(args, format);
    int len = vsnprintf(text, sizeof text, format, args);
    va_end(args);
    append_record('S', text, len < (int)sizeof text ? (size_t)len : sizeof text - 1);
}

/* Durable files survive a power cut: "supervisor" must not vanish once the command may have run, nor "exit". */
static void write_atomic(const char *name, const char *text, int durable)
{
    char temp[64];
    snprintf(temp, sizeof temp, ".%s.tmp", name);
    int fd = openat(dir_fd, temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || write_all(fd, text, strlen(text)) < 0 || (durable && fsync(fd) < 0) || close(fd) < 0) fail(name);
    if (renameat(dir_fd, temp, dir_fd, name) < 0) fail(name);
    if (durable) fsync(dir_fd);
}

static unsigned long long own_start_time(void)
{
    char stat[1024];
    int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
    ssize_t n = fd < 0 ? -1 : read(fd, stat, sizeof stat - 1);
    if (fd >= 0) close(fd);
    if (n <= 0) fail("/proc/self/stat");
    stat[n] = '\0';
    /* "pid (comm) state ppid ...": comm may hold spaces and parentheses; field 3 follows the last ')'. */
    char *field = strrchr(stat, ')');
    for (int i = 3; field != NULL && i <= 22; i++) field = strchr(field + 1, ' ');
    return field == NULL ? 0 : strtoull(field + 1, NULL, 10);
}

/* Where to split a full line buffer: not before a continuation byte, so each record stays valid UTF-8. */
static size_t utf8_cut(const struct stream *s, unsigned char next)
{
    if ((next & 0xC0) != 0x80) return s->len;
    size_t i = s->len;
    while (i > s->len - 3 && ((unsigned char)s->buf[i - 1] & 0xC0) == 0x80) i--;
    return ((unsigned char)s->buf[i - 1] & 0xC0) == 0xC0 ? i - 1 : s->len;
}

static void emit(struct stream *s, size_t len)
{
    append_record(s->kind, s->buf, len);
    memmove(s->buf, s->buf + len, s->len - len);
    s->len -= len;
}

static void feed(struct stream *s, const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '\n') {
            emit(s, s->len);
            continue;
        }
        if (s->len == LINE_BYTES) emit(s, utf8_cut(s, (unsigned char)data[i]));
        s->buf[s->len++] = data[i];
    }
}

static void close_stream(struct stream *s)
{
    if (s->fd < 0) return;
    if (s->len > 0) emit(s, s->len);
    close(s->fd);
    s->fd = -1;
}

static void read_stream(struct stream *s)
{
    static char data[READ_BYTES];
    ssize_t n = read(s->fd, data, sizeof data);
    if (n > 0) feed(s, data, (size_t)n);
    else if (n == 0 || (errno != EINTR && errno != EAGAIN)) close_stream(s);
}

/* Members of the process group that are not zombies: those that exited but wait to be reaped do not count. */
static int live_members(pid_t group)
{
    if (kill(-group, 0) < 0) return 0;
    DIR *proc = opendir("/proc");
    if (proc == NULL) return 1;
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(proc)) != NULL) {
        if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
        char path[300], stat[1024];
        snprintf(path, sizeof path, "/proc/%s/stat", entry->d_name);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t n = fd < 0 ? -1 : read(fd, stat, sizeof stat - 1);
        if (fd >= 0) close(fd);
        if (n <= 0) continue;
        stat[n] = '\0';
        char state;
        int parent, member_group;
        char *after = strrchr(stat, ')');
        if (after != NULL && sscanf(after + 1, " %c %d %d", &state, &parent, &member_group) == 3 && member_group == group && state != 'Z' && state != 'X')
            count++;
    }
    closedir(proc);
    return count;
}

static void usage(const char *problem)
{
    fprintf(stderr, "kairos-supervise: %s\nusage: kairos-supervise --dir ATTEMPT_DIR --heartbeat FILE --orphan-after SECONDS"
                    " [--cwd DIR] [--max-log-bytes N] -- PROGRAM [ARG...]\n", problem);
    exit(2);
}

struct start_failure {
    int in_chdir;
    int error;
};

static void on_child(int signal) { (void)signal; }

static void run_child(char **argv, const char *cwd, int out, int err, int status, const sigset_t *mask)
{
    struct start_failure failure = { 0, 0 };
    int null = open("/dev/null", O_RDONLY);
    if (setsid() < 0 || null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) goto failed;
    /* Nothing else the node (or whoever started it) left open reaches the command; the status pipe closes at exec. */
    if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
        for (int fd = 3; fd < 65536; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
    int reset[] = { SIGINT, SIGHUP, SIGTERM, SIGPIPE, SIGCHLD };
    for (size_t i = 0; i < sizeof reset / sizeof reset[0]; i++) signal(reset[i], SIG_DFL);
    sigprocmask(SIG_SETMASK, mask, NULL);
    if (cwd != NULL && chdir(cwd) < 0) {
        failure.in_chdir = 1;
        goto failed;
    }
    execvp(argv[0], argv);
failed:
    failure.error = errno;
    write_all(status, (const char *)&failure, sizeof failure);
    _exit(127);
}

static void join_argv(char **argv, char *text, size_t size)
{
    size_t used = 0;
    text[0] = '\0';
    for (int i = 0; argv[i] != NULL && used + 1 < size; i++)
        used += (size_t)snprintf(text + used, size - used, "%s%s", i > 0 ? " " : "", argv[i]);
}

/* Forks and execs the command; returns its pid, or records why it could not start and exits. */
static pid_t start_command(char **argv, const char *cwd, struct stream *out, struct stream *err, const sigset_t *mask)
{
    int out_pipe[2], err_pipe[2], status_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) < 0 || pipe2(err_pipe, O_CLOEXEC) < 0 || pipe2(status_pipe, O_CLOEXEC) < 0) fail("pipe");
    pid_t pid = fork();
    if (pid < 0) fail("fork");
    if (pid == 0) run_child(argv, cwd, out_pipe[1], err_pipe[1], status_pipe[1], mask);
    close(out_pipe[1]);
    close(err_pipe[1]);
    close(status_pipe[1]);
    out->fd = out_pipe[0];
    err->fd = err_pipe[0];

    struct start_failure failure;
    ssize_t n;
    while ((n = read(status_pipe[0], &failure, sizeof failure)) < 0 && errno == EINTR) {}
    close(status_pipe[0]);
    if (n == (ssize_t)sizeof failure) {
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {}
        char reason[2048];
        if (failure.in_chdir) snprintf(reason, sizeof reason, "cannot start '%s': cannot enter directory '%s': %s", argv[0], cwd, strerror(failure.error));
        else snprintf(reason, sizeof reason, "cannot start '%s': %s", argv[0], strerror(failure.error));
        system_record("%s", reason);
        char record[2100];
        snprintf(record, sizeof record, "nostart %s\n", reason);
        write_atomic("exit", record, 1);
        exit(0);
    }
    command_pid = pid;
    char text[32];
    snprintf(text, sizeof text, "%d\n", pid);
    write_atomic("command", text, 0);
    char line[3000];
    join_argv(argv, line, sizeof line);
    system_record("started pid %d: %s", pid, line);
    return pid;
}

static void ensure_standard_fds(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) < 0) exit(1);
}

static long long parse_number(const char *text, const char *flag, double scale)
{
    char *end;
    double value = strtod(text, &end);
    if (*text == '\0' || *end != '\0' || value < 0) {
        char problem[256];
        snprintf(problem, sizeof problem, "%s wants a non-negative number, not '%s'", flag, text);
        usage(problem);
    }
    return (long long)(value * scale);
}

int main(int argc, char **argv)
{
    const char *dir = NULL, *heartbeat = NULL, *cwd = NULL;
    long long orphan_after_ms = -1;
    char **command = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            command = argv + i + 1;
            break;
        }
        if (i + 1 >= argc) usage("an option lacks its value");
        const char *flag = argv[i], *value = argv[++i];
        if (strcmp(flag, "--dir") == 0) dir = value;
        else if (strcmp(flag, "--heartbeat") == 0) heartbeat = value;
        else if (strcmp(flag, "--cwd") == 0) cwd = value;
        else if (strcmp(flag, "--orphan-after") == 0) orphan_after_ms = parse_number(value, flag, 1000);
        else if (strcmp(flag, "--max-log-bytes") == 0) max_log_bytes = parse_number(value, flag, 1);
        else usage("unknown option");
    }
    if (dir == NULL || heartbeat == NULL || orphan_after_ms < 0) usage("--dir, --heartbeat and --orphan-after are required");
    if (command == NULL || command[0] == NULL) usage("no command after --");

    ensure_standard_fds();
    struct sigaction ignore = { .sa_handler = SIG_IGN }, child = { .sa_handler = on_child };
    sigaction(SIGINT, &ignore, NULL);
    sigaction(SIGHUP, &ignore, NULL);
    sigaction(SIGTERM, &ignore, NULL);
    sigaction(SIGPIPE, &ignore, NULL);
    sigaction(SIGCHLD, &child, NULL);
    /* SIGCHLD stays blocked except inside ppoll, so a child's exit always interrupts the wait and is never missed. */
    sigset_t blocked, waiting;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGCHLD);
    sigprocmask(SIG_BLOCK, &blocked, &waiting);
    sigdelset(&waiting, SIGCHLD);
    prctl(PR_SET_CHILD_SUBREAPER, 1);

    if ((dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) fail(dir);
    if ((log_fd = openat(dir_fd, "log", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600)) < 0) fail("log");
    char identity[64];
    snprintf(identity, sizeof identity, "%d %llu\n", getpid(), own_start_time());
    write_atomic("supervisor", identity, 1);

    static struct stream out = { .fd = -1, .kind = 'O' }, err = { .fd = -1, .kind = 'E' };
    pid_t pid = start_command(command, cwd, &out, &err, &waiting);

    int status = 0, exited = 0, node_gone = 0, leftovers_killed = 0;
    long long node_gone_at = 0, exited_at = 0, orphaned_after_s = -1;
    for (;;) {
        pid_t reaped;
        int reaped_status;
        while ((reaped = waitpid(-1, &reaped_status, WNOHANG)) > 0) {
            if (reaped != pid) continue;
            status = reaped_status;
            exited = 1;
            exited_at = now_ms(CLOCK_MONOTONIC);
        }
        long long now = now_ms(CLOCK_MONOTONIC);
        int open_streams = (out.fd >= 0) + (err.fd >= 0);
        /* Done once the output is closed and the group empty (processes dying of the same signal as the command
           may close the output before they become zombies); what stays longer than DRAIN_MS is killed. */
        if (exited && ((open_streams == 0 && kill(-pid, 0) < 0) || now - exited_at >= DRAIN_MS)) {
            if (leftovers_killed) break;
            leftovers_killed = 1;
            exited_at = now;
            int left = orphaned_after_s < 0 ? live_members(pid) : 0;
            if (left > 0) {
                system_record("the command exited; sending SIGKILL to the %d process(es) it left running in its group", left);
                kill(-pid, SIGKILL);
            } else if (open_streams == 0) break;
            continue;
        }
        if (node_gone && !exited && orphaned_after_s < 0) {
            struct stat beat;
            long long since_eof = now - node_gone_at, silent = since_eof;
            if (stat(heartbeat, &beat) == 0) {
                long long touched = beat.st_mtim.tv_sec * 1000LL + beat.st_mtim.tv_nsec / 1000000;
                long long since_touch = now_ms(CLOCK_REALTIME) - touched;
                if (since_touch < silent) silent = since_touch;
            }
            if (silent >= orphan_after_ms) {
                orphaned_after_s = (since_eof + 500) / 1000;
                system_record("stopped: node gone for %llds; sending SIGKILL to process group %d", orphaned_after_s, pid);
                kill(-pid, SIGKILL);
            }
        }

        struct pollfd fds[3];
        struct stream *streams[3];
        nfds_t count = 0;
        if (out.fd >= 0) { streams[count] = &out; fds[count++] = (struct pollfd){ .fd = out.fd, .events = POLLIN }; }
        if (err.fd >= 0) { streams[count] = &err; fds[count++] = (struct pollfd){ .fd = err.fd, .events = POLLIN }; }
        if (!node_gone) { streams[count] = NULL; fds[count++] = (struct pollfd){ .fd = 0, .events = POLLIN }; }
        long long wait_ms = node_gone ? TICK_MS : -1;
        if (exited) wait_ms = DRAIN_MS - (now - exited_at) < 0 ? 0 : DRAIN_MS - (now - exited_at);
        struct timespec timeout = { wait_ms / 1000, (wait_ms % 1000) * 1000000 };
        int ready = ppoll(fds, count, wait_ms < 0 ? NULL : &timeout, &waiting);
        if (ready < 0 && errno != EINTR) fail("ppoll");
        for (nfds_t i = 0; ready > 0 && i < count; i++) {
            if (fds[i].revents == 0) continue;
            if (streams[i] != NULL) {
                read_stream(streams[i]);
                continue;
            }
            char ignored[256];
            ssize_t n = read(0, ignored, sizeof ignored);
            if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
                node_gone = 1;
                node_gone_at = now_ms(CLOCK_MONOTONIC);
            }
        }
    }
    close_stream(&out);
    close_stream(&err);

    if (dropped_lines > 0)
        system_record("dropped %lld bytes in %lld lines of output over the limit of %lld bytes", dropped_bytes, dropped_lines, max_log_bytes);
    char ending[64], record[128];
    if (WIFSIGNALED(status)) {
        system_record("killed by signal %d", WTERMSIG(status));
        snprintf(ending, sizeof ending, "signal %d", WTERMSIG(status));
    } else {
        system_record("exit code %d", WEXITSTATUS(status));
        snprintf(ending, sizeof ending, "exit %d", WEXITSTATUS(status));
    }
    if (orphaned_after_s >= 0) snprintf(record, sizeof record, "orphaned %lld %s\n", orphaned_after_s, ending);
    else snprintf(record, sizeof record, "%s\n", ending);
    write_atomic("exit", record, 1);
    return 0;
}
