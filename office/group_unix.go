//go:build unix

package office

import (
	"os/exec"
	"syscall"
)

// inGroup starts cmd in a process group of its own and makes cancelling it kill the whole group,
// so that soffice.bin, which the soffice launcher starts, dies with it.
func inGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { killGroup(cmd); return nil }
}

// killGroup kills what is left of cmd's process group; it is a no-op when nothing is.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
