package plandoc

import "os/exec"

var execLookPath = exec.LookPath
