//go:build !unix

package office

import "os/exec"

func inGroup(cmd *exec.Cmd) {}

func killGroup(cmd *exec.Cmd) {}
