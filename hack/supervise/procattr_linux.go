package main

import "syscall"

// On Linux the kernel also kills the child if the supervisor itself dies
// (even by SIGKILL), which the parent-polling loop cannot cover.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
