// Command slipway-supervise runs one command as a child and makes sure it does
// not outlive whoever started the supervisor.
//
//	slipway-supervise [-parent-pid PID] [-grace 5s] -- <command> [args...]
//
// The JVM test harness starts etcd, kube-apiserver, kwok, ... through it. If
// the JVM exits normally it stops them itself; if it is kill -9'ed nothing runs
// its shutdown hooks, the children are re-parented to init (or a subreaper) and
// keep their ports. The supervisor notices that its parent changed and stops
// the child's process group.
//
// Behaviour:
//   - the child runs in its own process group (pgid = child pid);
//   - SIGTERM, SIGINT and SIGHUP received by the supervisor are forwarded to
//     that group;
//   - every 200ms it compares os.Getppid() with -parent-pid (default: the
//     parent seen at start-up); on a change it sends SIGTERM to the group,
//     waits up to -grace, then sends SIGKILL. Callers should pass -parent-pid
//     (the JVM's own pid): a parent that dies before the supervisor has read
//     its ppid is otherwise never noticed, which happened in testing;
//   - on Linux the child also gets PR_SET_PDEATHSIG=SIGKILL, so that even a
//     kill -9 of the supervisor itself (e.g. Process.destroyForcibly()) takes
//     the direct child down;
//   - it exits with the child's exit status, or 128+signal if the child was
//     killed by a signal.
//
// No dependencies beyond the standard library, so build.sh can build it offline.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

const pollInterval = 200 * time.Millisecond

func main() {
	os.Exit(run())
}

func run() int {
	// The supervisor's exit status is the child's, so its own failures use
	// the conventional 125/126/127 range (as env(1), nohup(1) and shells do).
	fs := flag.NewFlagSet("slipway-supervise", flag.ContinueOnError)
	parentPID := fs.Int("parent-pid", 0, "PID the supervisor's parent must have; exit at once if it differs (closes the race where the parent dies before the supervisor starts)")
	grace := fs.Duration("grace", 5*time.Second, "time between SIGTERM and SIGKILL once the parent is gone")
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: slipway-supervise [-parent-pid PID] [-grace 5s] -- <command> [args...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		return 125
	}
	args := fs.Args()
	// flag.Parse consumes the "--" terminator; require it so that the
	// command's own flags can never be mistaken for ours.
	if len(args) == 0 || !dashDashBefore(os.Args[1:], len(args)) {
		fs.Usage()
		return 125
	}

	wantParent := os.Getppid()
	if *parentPID != 0 {
		if wantParent != *parentPID {
			fmt.Fprintf(os.Stderr, "slipway-supervise: parent is %d, expected %d: not starting %s\n", wantParent, *parentPID, args[0])
			return 125
		}
	}

	// Pdeathsig is tied to the OS thread that forked the child, not to the
	// process: keep the main goroutine on one thread for our whole lifetime so
	// the Go runtime never retires that thread under the child.
	runtime.LockOSThread()

	// Subscribe before starting the child so no signal is lost in between.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)

	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "slipway-supervise: %v\n", err)
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, os.ErrNotExist) {
			return 127
		}
		return 126
	}
	pgid := cmd.Process.Pid

	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(done)
	}()

	ticker := time.NewTicker(pollInterval)
	defer ticker.Stop()
	var killTimer <-chan time.Time // armed once the parent is gone
	parentGone := false

loop:
	for {
		select {
		case <-done:
			break loop
		case s := <-sigs:
			_ = syscall.Kill(-pgid, s.(syscall.Signal))
		case <-ticker.C:
			if !parentGone && os.Getppid() != wantParent {
				parentGone = true
				fmt.Fprintf(os.Stderr, "slipway-supervise: parent %d is gone, stopping %s (pid %d)\n", wantParent, args[0], pgid)
				_ = syscall.Kill(-pgid, syscall.SIGTERM)
				killTimer = time.After(*grace)
			}
		case <-killTimer:
			fmt.Fprintf(os.Stderr, "slipway-supervise: %s (pid %d) still running after %v, sending SIGKILL\n", args[0], pgid, *grace)
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
		}
	}

	// The child is gone; anything it left behind in its group (helpers,
	// grandchildren) could still hold ports, so remove it too. ESRCH (empty
	// group) is the normal case and is ignored.
	_ = syscall.Kill(-pgid, syscall.SIGKILL)

	return exitStatus(cmd.ProcessState)
}

// dashDashBefore reports whether the argument just before the n trailing
// (command) arguments is the "--" terminator.
func dashDashBefore(argv []string, n int) bool {
	i := len(argv) - n - 1
	return i >= 0 && argv[i] == "--"
}

func exitStatus(ps *os.ProcessState) int {
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ps.ExitCode()
}
