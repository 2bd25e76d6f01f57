#!/usr/bin/env python3
"""bench/households.py KESU DB USER PIN [N] - the households list on the
interview screen: the real binary on a pseudo-terminal (80x24), logged in
as USER (an interviewer with a loaded sample), Enter on the home's
Households line until the list is drawn and kesu waits for the next key
(the byte it writes to KESU_READY_FD), then Esc back home; N times (default
30).  Beside it, the floor measured in the same run: the same round trip
through a pseudo-terminal to a child that reads the key and writes a full
80x24 screen.  Prints the medians in milliseconds."""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

def spawn(argv, env):
    r, w = os.pipe()
    os.set_inheritable(w, True)
    pid, fd = pty.fork()
    if pid == 0:
        os.close(r)
        os.execve(argv[0], argv, dict(env, KESU_READY_FD=str(w)))
    os.close(w)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd, r

def wait_ready(fd, r, seen, timeout=60.0):
    """Drain the screen's output until a ready byte; the output read."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        rd, _, _ = select.select([fd, r], [], [], 1.0)
        if fd in rd:
            try:
                seen.append(os.read(fd, 65536))
            except OSError:
                return False
        if r in rd:
            os.read(r, 64)
            while select.select([fd], [], [], 0.005)[0]:
                seen.append(os.read(fd, 65536))
            return True
    return False

def rounds(fd, r, n, key, back=None, want=None):
    times = []
    for _ in range(n):
        seen = []
        t0 = time.monotonic()
        os.write(fd, key)
        if not wait_ready(fd, r, seen):
            sys.exit("bench/households.py: no redraw after the key (round %d): %r" % (len(times), b"".join(seen)[-300:]))
        times.append((time.monotonic() - t0) * 1000)
        if want is not None and want not in b"".join(seen):
            sys.exit("bench/households.py: the screen never showed %r: %r" % (want, b"".join(seen)[-600:]))
        if back is not None and not wait_ready_after(fd, r, back):
            sys.exit("bench/households.py: no redraw after going back")
    return statistics.median(times)

def wait_ready_after(fd, r, key):
    os.write(fd, key)
    return wait_ready(fd, r, [])

FLOOR = r"""
import os, sys, tty
tty.setraw(0)
w = int(os.environ["KESU_READY_FD"])
screen = ("x" * 80 + "\r\n") * 23 + "x" * 79
os.write(w, b".")
while os.read(0, 64):
    sys.stdout.write("\x1b[H" + screen); sys.stdout.flush()
    os.write(w, b".")
"""

def main():
    kesu, db, user, pin = sys.argv[1:5]
    n = int(sys.argv[5]) if len(sys.argv) > 5 else 30
    env = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8",
               KESU_DB=db, KESU_LANG="en", ESCDELAY="25")
    pid, fd, r = spawn([kesu, "interview", "--as", user], env)
    if not wait_ready(fd, r, []):
        sys.exit("bench/households.py: no login screen")
    os.write(fd, pin.encode() + b"\r")
    seen = []
    while b"Households" not in b"".join(seen):
        if not wait_ready(fd, r, seen):
            sys.exit("bench/households.py: no home screen")
    os.write(fd, b"\x1bOB")             # Down (keypad mode): to Households
    wait_ready(fd, r, [])
    ms = rounds(fd, r, n, b"\r", back=b"\x1b", want=b"sampled households")
    os.write(fd, b"\x1b[21~")           # F10 quits from home
    os.waitpid(pid, 0)
    pid, fd2, r2 = spawn([sys.executable, "-c", FLOOR], env)
    wait_ready(fd2, r2, [])
    floor = rounds(fd2, r2, n, b"k")
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    print("households list on the screen (%s's, Enter to drawn): median %.1f ms "
          "over %d; floor, a pty round trip with a full 80x24 screen: %.2f ms"
          % (user, ms, n, floor))

main()
