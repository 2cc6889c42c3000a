package cycle

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	taizhang "taizhang"
)

// OutputDir makes sure dir can take the files a command writes: a folder, made when missing, in
// which a file can be created. Commands call it once, before they write or record anything, so
// that an --out naming a file (or a folder that cannot be written) fails at once with one error,
// not once per file.
func OutputDir(dir string) error {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return inputf(msgOutNotDir, taizhang.Verbatim(dir))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return mkdirError(dir, err)
	}
	probe, err := createTemp(dir, ".taizhang-probe")
	if errors.Is(err, fs.ErrNotExist) {
		return &Error{Err: ErrFile, Msg: fmt.Sprintf(msgDirTakesNoFiles, taizhang.Verbatim(dir))}
	} else if err != nil {
		return fileError(dir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// mkdirError says why a folder cannot be made, naming the part of the path that stops it.
func mkdirError(dir string, err error) error {
	shown := taizhang.Verbatim(dir)
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				return &Error{Err: ErrInput, Msg: fmt.Sprintf(msgMkdirFileInPath, shown, taizhang.Verbatim(p))}
			}
			if p == filepath.Dir(p) {
				break
			}
		}
		return &Error{Err: ErrInput, Msg: fmt.Sprintf(msgOutNotDir, shown)}
	case errors.Is(err, fs.ErrPermission):
		return &Error{Err: ErrFile, Msg: fmt.Sprintf(msgMkdirPermission, shown)}
	case errors.Is(err, syscall.EROFS):
		return &Error{Err: ErrFile, Msg: fmt.Sprintf(msgMkdirReadOnly, shown)}
	case errors.Is(err, syscall.ENOSPC):
		return &Error{Err: ErrFile, Msg: fmt.Sprintf(msgFileDiskFull, shown)}
	case errors.Is(err, fs.ErrNotExist):
		// MkdirAll makes every missing parent; ENOENT means the file system does not let a
		// folder be made there at all (/proc, a vanished mount).
		return &Error{Err: ErrFile, Msg: fmt.Sprintf(msgMkdirNotAllowed, shown)}
	}
	return &Error{Err: ErrFile, Msg: fmt.Sprintf(msgMkdirFailed, shown, err)}
}

// pending is a file written under a hidden temporary name beside the one it will have: it
// appears under its real name only when placed, and never half-written.
type pending struct{ tmp, path string }

// writeBeside writes a file to a temporary name in path's folder. The caller places it (rename
// into path) or discards it.
func writeBeside(path string, write func(w io.Writer) error) (*pending, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, mkdirError(dir, err)
	}
	tmp, err := createTemp(dir, "."+filepath.Base(path))
	if errors.Is(err, fs.ErrNotExist) { // the folder is there (made above) but takes no files: /proc
		return nil, &Error{Err: ErrFile, Msg: fmt.Sprintf(msgCreateNotAllowed, taizhang.Verbatim(path))}
	} else if err != nil {
		return nil, fileError(path, err)
	}
	p := &pending{tmp: tmp.Name(), path: path}
	if err := write(tmp); err != nil {
		tmp.Close()
		p.discard()
		return nil, fileError(path, err)
	}
	if err := tmp.Close(); err != nil {
		p.discard()
		return nil, fileError(path, err)
	}
	return p, nil
}

// place gives the file its real name.
func (p *pending) place() error {
	if err := os.Rename(p.tmp, p.path); err != nil {
		p.discard()
		return fileError(p.path, err)
	}
	return nil
}

// discard removes the temporary file.
func (p *pending) discard() { os.Remove(p.tmp) }

// writeAtomic writes a file through a temporary file in the same folder and renames it into
// place, so a failure never leaves a half-written file under the real name.
func writeAtomic(path string, write func(w io.Writer) error) error {
	p, err := writeBeside(path, write)
	if err != nil {
		return err
	}
	return p.place()
}

// createTemp creates a new file named prefix plus a random suffix in dir, with the mode an output
// file should have: readable by colleagues (0644, less the umask), as a file saved by any other
// program is. os.CreateTemp makes it 0600, which a rename would keep.
func createTemp(dir, prefix string) (*os.File, error) {
	for range 100 {
		b := make([]byte, 6)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, prefix+"."+hex.EncodeToString(b)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fs.ErrExist
}
