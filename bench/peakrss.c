/*
 * peakrss.c - peak resident memory of a command, in KiB.
 *
 *	peakrss COMMAND [ARG...]
 *
 * The child's high-water mark includes what it had before exec, so the
 * command is started from this small process rather than from a shell or
 * an interpreter whose own size would be counted.  Output of the command
 * goes to /dev/null.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage ru;
	int status, fd;
	pid_t pid;

	if (argc < 2) {
		fputs("usage: peakrss COMMAND [ARG...]\n", stderr);
		return 64;
	}
	if ((pid = fork()) < 0) {
		perror("peakrss: fork");
		return 71;
	}
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("peakrss: wait4");
		return 71;
	}
	printf("%ld\n", ru.ru_maxrss);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
