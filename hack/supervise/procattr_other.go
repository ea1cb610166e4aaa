//go:build !linux

package main

import "syscall"

// Outside Linux there is no parent-death signal; the parent-polling loop is
// the only guard (a kill -9 of the supervisor itself leaves the child running).
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
